using Hub.Devices.Fleet;
using Hub.Devices.Fleet.Events;
using Hub.Energy.Rollups;
using Hub.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Api.Tests.Energy;

/// <summary>Readings put through a test hub's own event bus, as the MQTT link would publish them.</summary>
internal static class StoredReadings
{
    public static ReadingReported Reading(long plug, DateTimeOffset at, double w, double counterWh) => new()
    {
        Topic = "obk_test", PlugId = plug, At = at, PowerW = w, EnergyCounterWh = counterWh, VoltageV = 230,
    };

    /// <summary>Publishes into the hub's own bus, waits for every receipt, then rolls up as the minute job would.</summary>
    public static async Task StoreAsync(HubFactory hub, IEnumerable<ReadingReported> readings)
    {
        var ct = TestContext.Current.CancellationToken;
        var bus = hub.Services.GetRequiredService<PlugEventBus>();
        var stored = new List<Task>();
        foreach (var reading in readings)
        {
            var receipt = new DeliveryReceipt();
            stored.Add(receipt.Stored);
            await bus.PublishAsync(reading with { Receipt = receipt }, ct);
        }

        await Task.WhenAll(stored).WaitAsync(TimeSpan.FromSeconds(20), ct);
        await using var scope = hub.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RollupService>().CatchUpAsync(ct);
    }
}
