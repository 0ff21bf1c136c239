using Hub.Energy.Ingest;
using Hub.Energy.Storage;
using Hub.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static Hub.Energy.Tests.EnergyHost;

namespace Hub.Energy.Tests.Ingest;

public sealed class IngestWorkerTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SeparateOpenBekenMessagesOfOneSecondAreMergedIntoOneRow()
    {
        await using var hub = await EnergyHost.StartAsync(new FakeTimeProvider(Start));

        await hub.StoreAsync(
            Reading(1, Start.AddMilliseconds(100), v: 231.4),
            Reading(1, Start.AddMilliseconds(300), a: 0.261),
            Reading(1, Start.AddMilliseconds(500), w: 60.2),
            Reading(1, Start.AddMilliseconds(900), counterWh: 1234.5));
        await hub.StoreAsync(Reading(1, Start.AddMilliseconds(950), w: 61));

        var row = await hub.DbAsync(db => db.Readings.SingleAsync());
        Assert.Equal(ReadingKey.For(1, Start.ToUnixTimeSeconds()), row.Key);
        Assert.Equal(2314, row.VoltageDv);
        Assert.Equal(261, row.CurrentMa);
        Assert.Equal(602, row.PowerDw);
        Assert.Equal(1_234_500, row.CounterMwh);
    }

    [Fact]
    public async Task ARedeliveredReadingIsStoredOnceAndCountedOnce()
    {
        await using var hub = await EnergyHost.StartAsync(new FakeTimeProvider(Start));
        var first = Reading(2, Start, w: 100, counterWh: 10);
        var second = Reading(2, Start.AddSeconds(10), w: 100, counterWh: 10.3);

        await hub.StoreAsync(first, second);
        await hub.StoreAsync(second, first, second);

        var rows = await hub.DbAsync(db => db.Readings.CountAsync());
        var plug = await hub.DbAsync(db => db.Plugs.SingleAsync());
        Assert.Equal(2, rows);
        Assert.Equal(300, plug.LifetimeMwh);
    }

    [Fact]
    public async Task ReadingsOfPlugsOutsideTheFleetAndBadValuesAreRefusedAndCountedPerPlug()
    {
        await using var hub = await EnergyHost.StartAsync(new FakeTimeProvider(Start),
            new Dictionary<string, string?> { ["Energy:AllowNegativePowerPlugs:0"] = "5" });

        await hub.StoreAsync(
            Reading(0, Start, w: 10),
            Reading(3, Start, w: -4),
            Reading(3, Start, v: 400),
            Reading(3, Start, w: double.NaN),
            Reading(3, Start.AddMinutes(6), w: 10),
            Reading(3, Start.AddDays(-40), w: 10),
            Reading(5, Start, w: -250),
            Reading(3, Start.AddMinutes(4), w: 12));

        var refused = hub.Stats.Refused();
        Assert.Equal(
            [
                new RefusedCount(0, Refusal.UnknownPlug, 1), new RefusedCount(3, Refusal.NegativePower, 1),
                new RefusedCount(3, Refusal.VoltageTooHigh, 1), new RefusedCount(3, Refusal.NotANumber, 1),
                new RefusedCount(3, Refusal.InTheFuture, 1), new RefusedCount(3, Refusal.OlderThanRetention, 1),
            ],
            refused.OrderBy(r => r.PlugId).ThenBy(r => r.Reason).ToList());
        var stored = await hub.DbAsync(db => db.Readings.OrderBy(r => r.Key).Select(r => r.PowerDw).ToListAsync());
        Assert.Equal([120, -2500], stored);
    }

    [Fact]
    public async Task CounterResetsAndGlitchesBecomeEventsAndTheTotalSurvivesARestart()
    {
        using var folder = new TempFolder("energy-restart");
        var time = new FakeTimeProvider(Start.AddHours(1));
        await using (var hub = await EnergyHost.StartAsync(time, folder: folder))
        {
            await hub.StoreAsync(
                Reading(4, Start, counterWh: 500),
                Reading(4, Start.AddSeconds(10), counterWh: 501),
                Reading(4, Start.AddSeconds(20), counterWh: 2),
                Reading(4, Start.AddSeconds(30), counterWh: 900_000));
        }

        await using var restarted = await EnergyHost.StartAsync(time, folder: folder);
        await restarted.StoreAsync(Reading(4, Start.AddSeconds(40), counterWh: 900_001));

        var plug = await restarted.DbAsync(db => db.Plugs.SingleAsync());
        var events = await restarted.DbAsync(db => db.Events.OrderBy(e => e.AtS).Select(e => e.Kind).ToListAsync());
        Assert.Equal(1_000 + 2_000 + 1_000, plug.LifetimeMwh);
        Assert.Equal([EnergyEventKind.Reset, EnergyEventKind.Glitch], events);
    }

    [Fact]
    public async Task AFullChannelMakesThePublisherWaitInsteadOfDropping()
    {
        await using var hub = await EnergyHost.StartAsync(new FakeTimeProvider(Start),
            new Dictionary<string, string?> { ["Energy:ChannelCapacity"] = "16", ["Energy:MaxBatchSize"] = "8" });

        await hub.StoreAsync(Enumerable.Range(0, 2_000).Select(i => Reading(6, Start.AddSeconds(-i), w: i % 50)));

        Assert.Equal(2_000, await hub.DbAsync(db => db.Readings.CountAsync()));
    }
}
