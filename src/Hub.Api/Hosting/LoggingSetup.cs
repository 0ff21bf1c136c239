using System.Globalization;
using Hub.Devices.Storage;
using Microsoft.Extensions.Options;
using Serilog;

namespace Hub.Api.Hosting;

public static class LoggingSetup
{
    /// <summary>Serilog to the console and to daily files under the data folder; levels come from configuration.</summary>
    public static IHostApplicationBuilder AddHubLogging(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, logger) =>
        {
            var logs = Path.Combine(services.GetRequiredService<IOptions<DataOptions>>().Value.FullDirectory, "logs");
            logger.ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext()
                .WriteTo.Console(formatProvider: CultureInfo.InvariantCulture)
                .WriteTo.File(Path.Combine(logs, "hub-.log"), formatProvider: CultureInfo.InvariantCulture,
                    rollingInterval: RollingInterval.Day, retainedFileCountLimit: 31, fileSizeLimitBytes: 50_000_000,
                    rollOnFileSizeLimit: true);
        });
        return builder;
    }
}
