using Hub.Devices.Fleet;
using Hub.Devices.Mqtt;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hub.Devices.HomeAssistant;

/// <summary>Keeps Home Assistant's discovery topics in line with the adopted plugs and their names.</summary>
internal sealed class HomeAssistantPublisher(
    IOptions<HomeAssistantOptions> options,
    MqttLink link,
    IServiceScopeFactory scopes,
    TimeProvider time) : BackgroundService
{
    private readonly Dictionary<string, string> _published = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        try
        {
            await link.Connected.WaitAsync(stoppingToken);
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.ReconcileSeconds), time);
            do
            {
                await ReconcileAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task ReconcileAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        var plugs = await db.Plugs.AsNoTracking().Where(p => p.Status == PlugStatus.Adopted)
            .Select(p => new { p.Topic, p.Protocol, p.Name }).ToListAsync(ct);
        var prefix = options.Value.DiscoveryPrefix;
        foreach (var plug in plugs)
        {
            var name = plug.Name ?? plug.Topic;
            if (_published.TryGetValue(plug.Topic, out var known) && known == name)
            {
                continue;
            }

            foreach (var message in HomeAssistantDiscovery.For(prefix, plug.Topic, plug.Protocol, name))
            {
                await link.EnqueueAsync(message, ct);
            }

            _published[plug.Topic] = name;
        }

        foreach (var gone in _published.Keys.Except(plugs.Select(p => p.Topic)).ToList())
        {
            foreach (var message in HomeAssistantDiscovery.Removal(prefix, gone))
            {
                await link.EnqueueAsync(message, ct);
            }

            _published.Remove(gone);
        }
    }
}
