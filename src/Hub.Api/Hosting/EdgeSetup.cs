using Hub.Devices.Mqtt;
using Hub.Devices.Storage;
using Prometheus;
using Quartz;

namespace Hub.Api.Hosting;

public static class EdgeSetup
{
    /// <summary>What every API route shares: ProblemDetails, validation, the OpenAPI document and metrics.</summary>
    public static IHostApplicationBuilder AddApiEdge(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier);
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddValidation();
        builder.Services.ConfigureHttpJsonOptions(o =>
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        builder.Services.AddOpenApi();
        builder.Services.AddHealthChecks();
        builder.Services.AddMetricServer(_ => { });

        // Modules add their jobs with AddQuartz; the one scheduler runs them. A name per host keeps several hubs in
        // one process (the test suites) from sharing a scheduler.
        builder.Services.AddQuartz(q => q.ConfigureScheduler(o => o.InstanceName = $"hub-{Guid.NewGuid():N}"));
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        _ = MeterAdapterOnce.Value;
        return builder;
    }

    // The adapter is process-wide; configuring it again would drop the instruments it already follows.
    private static readonly Lazy<bool> MeterAdapterOnce = new(() =>
    {
        Metrics.ConfigureMeterAdapter(o => o.InstrumentFilterPredicate = instrument =>
            instrument.Meter.Name is MqttMetrics.MeterName or DbWriteLatencyInterceptor.MeterName);
        return true;
    });
}
