using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Hub.Devices.Mqtt;

/// <summary>
/// With mosquitto's dynamic security the hub is not ready until the broker knows the bootstrap account and the hub's
/// rights: before that a plug is refused and backs off for up to a minute, and the setup kicks clients it changes.
/// </summary>
internal sealed class BrokerAccountsHealthCheck(
    DynamicSecuritySetupWorker setup, IOptions<MqttOptions> mqtt, IOptions<MqttBrokerOptions> broker) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var result = mqtt.Value.ResolveAccountStore(broker.Value) != BrokerAccountStore.MosquittoDynamicSecurity
            ? HealthCheckResult.Healthy("plug accounts kept by the embedded broker")
            : setup.Done.IsCompletedSuccessfully
                ? HealthCheckResult.Healthy("mosquitto dynamic security set up")
                : HealthCheckResult.Unhealthy("mosquitto dynamic security is not set up yet");
        return Task.FromResult(result);
    }
}
