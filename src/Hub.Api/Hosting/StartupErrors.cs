using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;

namespace Hub.Api.Hosting;

public static class StartupErrors
{
    /// <summary>Runs the hub; a bad setting ends it with one line naming the setting instead of a stack trace.</summary>
    public static async Task<int> RunReportingConfigurationErrorsAsync(this WebApplication app)
    {
        var underTestHost = UnderTestHost(app);
        try
        {
            await app.RunAsync();
            return Environment.ExitCode;
        }
        catch (Exception ex) when (IsConfigurationError(ex) && !underTestHost)
        {
            var message = ex is OptionsValidationException validation ? string.Join("; ", validation.Failures) : ex.Message;
            await Console.Error.WriteLineAsync($"Invalid configuration: {message}");
            return 2;
        }
    }

    private static bool IsConfigurationError(Exception ex) => ex is OptionsValidationException
        || (ex is InvalidOperationException && (ex.Message.Contains("configuration", StringComparison.OrdinalIgnoreCase)
                                                || ex.Message.Contains("Mqtt:", StringComparison.Ordinal)));

    // WebApplicationFactory swaps in its TestServer and expects start-up failures to reach the test as exceptions.
    private static bool UnderTestHost(WebApplication app) =>
        app.Services.GetService<IServer>()?.GetType().Name == "TestServer";
}
