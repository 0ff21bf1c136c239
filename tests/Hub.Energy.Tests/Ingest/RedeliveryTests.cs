using Hub.Devices.Fleet.Events;
using Hub.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static Hub.Energy.Tests.EnergyHost;

namespace Hub.Energy.Tests.Ingest;

public sealed class RedeliveryTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AfterAStopMidIngestRedeliveredReadingsAreStoredExactlyOnceAndEnergyMatchesTheCounters()
    {
        using var folder = new TempFolder("energy-redelivery");
        var time = new FakeTimeProvider(Start.AddHours(2));
        var readings = Enumerable.Range(0, 1_500)
            .SelectMany(i => Enumerable.Range(1, 3).Select(plug =>
                Reading(plug, Start.AddSeconds(i * 2), w: 100 * plug, counterWh: 50 + (i * plug * 0.0556))))
            .Select(r => (Reading: r, Receipt: new DeliveryReceipt()))
            .ToList();

        // The broker's view: publish everything with QoS 1, then the hub goes away before every commit.
        var small = new Dictionary<string, string?> { ["Energy:ChannelCapacity"] = "32", ["Energy:MaxBatchSize"] = "16" };
        await using (var first = await EnergyHost.StartAsync(time, small, folder))
        {
            using var link = new CancellationTokenSource();
            var publishing = Task.Run(async () =>
            {
                foreach (var (reading, receipt) in readings)
                {
                    await first.Bus.PublishAsync(reading with { Receipt = receipt }, link.Token);
                }
            }, TestContext.Current.CancellationToken);
            await readings[300].Receipt.Stored.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
            await first.Host.StopAsync(TestContext.Current.CancellationToken);
            await link.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => publishing);
        }

        // Redelivered: every message not acknowledged, plus acknowledged ones the broker could not know about.
        var acknowledged = readings.Where(r => r.Receipt.Stored.IsCompletedSuccessfully).ToList();
        var redelivered = readings.Where(r => !r.Receipt.Stored.IsCompletedSuccessfully)
            .Concat(acknowledged.TakeLast(200)).Select(r => r.Reading).ToList();
        await using var second = await EnergyHost.StartAsync(time, folder: folder);
        await second.StoreAsync(redelivered.OrderBy(r => r.At));
        await second.RollUpAsync();

        var rows = await second.DbAsync(db => db.Readings.CountAsync());
        var plugs = await second.DbAsync(db => db.Plugs.OrderBy(p => p.PlugId).ToListAsync());
        var rolledUp = await second.DbAsync(db => db.HourRollups.Where(h => h.Key >= Hub.Energy.Tests.Rollups.RollupTests.Plugs).SumAsync(h => h.EnergyMwh));
        Assert.InRange(acknowledged.Count, 301, readings.Count - 1);
        Assert.Equal(readings.Count, rows);
        foreach (var plug in plugs)
        {
            var own = readings.Where(r => r.Reading.PlugId == plug.PlugId).Select(r => r.Reading.EnergyCounterWh!.Value).ToList();
            Assert.Equal((long)Math.Round((own[^1] - own[0]) * 1000), plug.LifetimeMwh, tolerance: 2);
        }

        Assert.Equal(plugs.Sum(p => p.LifetimeMwh), rolledUp);
    }

    [Fact]
    public async Task AQueuedBurstOfPlugStampedCountersIsCountedInFullAndTheirUnstampedTwinsAreLeftOut()
    {
        using var folder = new TempFolder("energy-stamped-burst");
        var time = new FakeTimeProvider(Start.AddMinutes(1));

        // A plug at 3.6 kW counts 1 Wh a second; its SENSOR stamps say when, its per-value twin only when it arrived.
        ReadingReported Stamped(int s) => Reading(1, Start.AddSeconds(s), w: 3600, counterWh: 10 + s) with { StampedByPlug = true };
        await using (var before = await EnergyHost.StartAsync(time, folder: folder))
        {
            await before.StoreAsync(Enumerable.Range(0, 4).Select(Stamped));
        }

        // After the outage the broker sends the queued per-value counter of second 5 (stamped on arrival at 20 s), then
        // the queued SENSORs of seconds 4 to 19, then again those the hub had stored but not acknowledged.
        await using var after = await EnergyHost.StartAsync(time, folder: folder);
        await after.StoreAsync(Reading(1, Start.AddSeconds(20), counterWh: 15));
        await after.StoreAsync(Enumerable.Range(4, 16).Select(Stamped));
        await after.StoreAsync(Enumerable.Range(15, 5).Select(Stamped));

        var plug = await after.DbAsync(db => db.Plugs.SingleAsync());
        var events = await after.DbAsync(db => db.Events.CountAsync());
        var counted = await after.DbAsync(db => db.Readings.CountAsync(r => r.CounterMwh != null));
        var delta = await after.DbAsync(db => db.Readings.SumAsync(r => r.DeltaMwh ?? 0));
        Assert.Equal(19_000, plug.LifetimeMwh);
        Assert.Equal(29_000, plug.LastCounterMwh);
        Assert.Equal(0, events);
        Assert.Equal(20, counted);
        Assert.Equal(19_000, delta);
    }
}
