using Hub.Energy.Queries;
using Hub.Energy.Rollups;
using Hub.Energy.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Hub.Energy.Tests.Rollups.RollupTests;

namespace Hub.Energy.Tests.Rollups;

public sealed class HourBlockTests
{
    /// <summary>Midnight UTC starting UTC day <see cref="Day0"/>.</summary>
    private static readonly DateTimeOffset Midnight = new(2026, 5, 4, 0, 0, 0, TimeSpan.Zero);
    private static readonly long Day0 = Midnight.ToUnixTimeSeconds() / 86_400;

    [Fact]
    public async Task SeriesFromBlocksEqualsSeriesFromRowsAcrossPackedDaysAGapAndAnUnpackedTail()
    {
        var time = new FakeTimeProvider(Midnight.AddDays(4).AddHours(12));
        await using var hub = await EnergyHost.StartAsync(time);

        // Days 0 and 1 with data, day 2 without, day 3 with data, day 4 (today) until 11:50.
        var readings = Counting(1, Midnight.AddHours(3), TimeSpan.FromMinutes(10), 6 * 45, i => 40 + (i * 37 % 500))
            .Concat(Counting(1, Midnight.AddDays(3), TimeSpan.FromMinutes(10), 6 * 36, i => 900 - (i * 13 % 700), 5000));
        await hub.StoreAsync(readings);
        await hub.RollUpAsync();
        var from = Midnight.AddHours(5).AddMinutes(30);
        var to = Midnight.AddDays(4).AddHours(10).AddMinutes(30);
        var fromRows = await SeriesAsync(hub, 1, from, to);

        var packed = await PackAsync(hub);
        var fromBlocks = await SeriesAsync(hub, 1, from, to);

        Assert.Equal(3, packed);
        Assert.Equal(Day0 + 3, await WatermarkAsync(hub));
        Assert.Equal(
            [ReadingKey.For(0, Day0), ReadingKey.For(0, Day0 + 1), ReadingKey.For(0, Day0 + 3),
                ReadingKey.For(1, Day0), ReadingKey.For(1, Day0 + 1), ReadingKey.For(1, Day0 + 3)],
            await hub.DbAsync(db => db.HourBlocks.OrderBy(b => b.Key).Select(b => b.Key).ToListAsync()));
        Assert.Equal((2 * 24) - 5 + 24 + 11, fromRows.Count);
        Assert.Equal(fromRows, fromBlocks);

        // Rows stay the truth; removing one packed day's rows here only proves the series really read its block.
        var day1 = ReadingKey.For(1, (Day0 + 1) * 24);
        await hub.DbAsync(db => db.HourRollups.Where(r => r.Key >= day1 && r.Key < day1 + 24).ExecuteDeleteAsync());
        Assert.Equal(fromRows, await SeriesAsync(hub, 1, from, to));
    }

    [Fact]
    public async Task LateReadingsForAPackedDayRebuildItsBlocksInTheRollupTransaction()
    {
        var time = new FakeTimeProvider(Midnight.AddDays(2).AddHours(12));
        await using var hub = await EnergyHost.StartAsync(time);
        await hub.StoreAsync(Counting(1, Midnight, TimeSpan.FromMinutes(10), 6 * 48, _ => 300));
        await hub.RollUpAsync();
        Assert.Equal(2, await PackAsync(hub));

        // A plug never seen before delivers a reading from the first packed day.
        await hub.StoreAsync(EnergyHost.Reading(2, Midnight.AddHours(10).AddMinutes(15), w: 777, v: 231, a: 3.4));
        await hub.RollUpAsync();

        var series = await SeriesAsync(hub, 2, Midnight, Midnight.AddDays(2));
        var point = Assert.Single(series);
        var fleet = await SeriesAsync(hub, 0, Midnight.AddHours(10), Midnight.AddHours(11));
        Assert.Equal(Midnight.AddHours(10), point.At);
        Assert.Equal(777, point.MaxW);
        Assert.Equal(777, Assert.Single(fleet).MaxW);
        Assert.Equal(7, Assert.Single(fleet).Samples);
        foreach (var plug in new long[] { 0, 1, 2 })
        {
            Assert.Equal(await RowsAsync(hub, plug, Day0), await BlockAsync(hub, plug, Day0));
        }

        Assert.Equal(0, await PackAsync(hub));
    }

    [Fact]
    public async Task ADayIsPackedOnlyOnceItHasSettledAndItsDirtyMinutesAreRolledUp()
    {
        var time = new FakeTimeProvider(Midnight.AddDays(1).AddMinutes(1));
        await using var hub = await EnergyHost.StartAsync(time);
        await hub.StoreAsync(Counting(1, Midnight.AddHours(20), TimeSpan.FromMinutes(10), 24, _ => 120));
        await hub.RollUpAsync();
        var beforeSettled = await PackAsync(hub);

        time.Advance(TimeSpan.FromMinutes(2));
        await hub.StoreAsync(EnergyHost.Reading(1, Midnight.AddHours(23).AddMinutes(59).AddSeconds(50), w: 2000));
        var whileDirty = await PackAsync(hub);
        var watermarkWhileDirty = await WatermarkAsync(hub);

        // Today's pending minutes are no reason to wait: only markers up to the day's end are.
        await hub.RollUpAsync();
        await hub.StoreAsync(EnergyHost.Reading(1, Midnight.AddDays(1).AddMinutes(2), w: 50));
        var afterRollup = await PackAsync(hub);

        Assert.Equal(0, beforeSettled);
        Assert.Equal(0, whileDirty);
        Assert.Null(watermarkWhileDirty);
        Assert.Equal(1, afterRollup);
        Assert.Equal(Day0, await WatermarkAsync(hub));
        Assert.Equal(await RowsAsync(hub, 1, Day0), await BlockAsync(hub, 1, Day0));
        Assert.Equal(2000, (await SeriesAsync(hub, 1, Midnight.AddHours(23), Midnight.AddDays(1)))[0].MaxW);
    }

    [Fact]
    public async Task ADamagedOrNewerBlockIsReadFromItsDaysRowsAndTheSeriesStaysWhole()
    {
        var time = new FakeTimeProvider(Midnight.AddDays(3).AddHours(12));
        await using var hub = await EnergyHost.StartAsync(time);
        await hub.StoreAsync(Counting(1, Midnight, TimeSpan.FromMinutes(10), 6 * 72, i => 100 + (i * 29 % 600)));
        await hub.RollUpAsync();
        Assert.Equal(3, await PackAsync(hub));
        var from = Midnight.AddHours(2);
        var to = Midnight.AddDays(3).AddHours(6);
        var fromBlocks = await SeriesAsync(hub, 1, from, to);

        // Day 1's block gets a format version this build does not know, day 2's loses its last bytes.
        var day1 = ReadingKey.For(1, Day0 + 1);
        var day2 = ReadingKey.For(1, Day0 + 2);
        await hub.DbAsync(async db =>
        {
            var blocks = await db.HourBlocks.Where(b => b.Key == day1 || b.Key == day2).ToListAsync();
            foreach (var block in blocks)
            {
                block.Payload = block.Key == day1 ? [.. block.Payload.Select((b, i) => i == 0 ? (byte)0xEE : b)] : block.Payload[..^7];
            }

            return await db.SaveChangesAsync();
        });
        var damaged = await SeriesAsync(hub, 1, from, to);

        Assert.Equal((3 * 24) - 2, fromBlocks.Count);
        Assert.Equal(fromBlocks, damaged);
    }

    private static Task<int> PackAsync(EnergyHost hub) =>
        hub.QueryAsync(sp => sp.GetRequiredService<HourBlockPacker>().PackAsync(100, default));

    private static Task<long?> WatermarkAsync(EnergyHost hub) =>
        hub.DbAsync(db => HourBlockPacker.WatermarkAsync(db, default));

    private static Task<List<SeriesPoint>> SeriesAsync(EnergyHost hub, long plug, DateTimeOffset from, DateTimeOffset to) =>
        hub.QueryAsync(sp => sp.GetRequiredService<EnergyQueries>().SeriesAsync(plug, from, to, Resolution.Hour, default)
            .ToListAsync().AsTask());

    private static Task<List<RollupValues>> RowsAsync(EnergyHost hub, long plug, long day) =>
        hub.DbAsync(db => RollupRangeReader.ReadAsync<HourRollup>(
            db, ReadingKey.For(plug, day * 24), ReadingKey.For(plug, (day + 1) * 24), default).ToListAsync().AsTask());

    private static async Task<List<RollupValues>> BlockAsync(EnergyHost hub, long plug, long day)
    {
        var block = await hub.DbAsync(db => db.HourBlocks.AsNoTracking().SingleAsync(b => b.Key == ReadingKey.For(plug, day)));
        var decoded = new List<RollupValues>();
        HourBlockCodec.Decode(plug, day, block.Payload, long.MinValue, long.MaxValue, decoded);
        return decoded;
    }
}
