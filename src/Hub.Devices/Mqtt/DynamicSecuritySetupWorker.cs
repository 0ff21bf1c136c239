using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hub.Devices.Mqtt;

/// <summary>
/// Once the link is up, prepares mosquitto's dynamic security for the hub (its publish rights, the bootstrap client),
/// retrying until the plugin answers: plugs cannot log in on the bootstrap account before that.
/// </summary>
internal sealed class DynamicSecuritySetupWorker(
    IOptions<MqttOptions> mqtt,
    IOptions<MqttBrokerOptions> broker,
    IOptions<MqttLinkOptions> linkOptions,
    MqttLink link,
    MosquittoDynamicSecurity store,
    TimeProvider time,
    ILogger<DynamicSecuritySetupWorker> logger) : BackgroundService
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the broker has the hub's roles and the bootstrap client.</summary>
    public Task Done => _done.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (mqtt.Value.ResolveAccountStore(broker.Value) != BrokerAccountStore.MosquittoDynamicSecurity)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await link.Connected.WaitAsync(stoppingToken);
                await store.SetUpAsync(stoppingToken);
                _done.TrySetResult();
                logger.LogInformation("mosquitto dynamic security is set up for the hub and the bootstrap account");
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning("Setting up mosquitto dynamic security failed, will retry: {Reason}", ex.Message);
            }

            await Task.Delay(TimeSpan.FromSeconds(linkOptions.Value.ReconnectSeconds), time, stoppingToken);
        }
    }
}
