using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Hub.Devices.Mqtt;

internal sealed class BrokerHealthCheck(EmbeddedBroker broker, IOptions<MqttBrokerOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var result = !options.Value.Enabled ? HealthCheckResult.Healthy("embedded broker disabled")
            : broker.IsListening ? HealthCheckResult.Healthy("embedded broker listening")
            : HealthCheckResult.Unhealthy("embedded broker is not listening");
        return Task.FromResult(result);
    }
}
