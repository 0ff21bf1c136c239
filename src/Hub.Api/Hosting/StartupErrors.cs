using Microsoft.Extensions.Options;

namespace Hub.Api.Hosting;

public static class StartupErrors
{
    /// <summary>Runs the hub; a bad setting ends it with one line naming the setting instead of a stack trace.</summary>
    public static async Task<int> RunReportingConfigurationErrorsAsync(this WebApplication app)
    {
        try
        {
            await app.RunAsync();
            return Environment.ExitCode;
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync($"Invalid configuration: {string.Join("; ", ex.Failures)}");
            return 2;
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("configuration", StringComparison.OrdinalIgnoreCase)
                                                    || ex.Message.Contains("Mqtt:", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync($"Invalid configuration: {ex.Message}");
            return 2;
        }
    }
}
