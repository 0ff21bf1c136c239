using Hub.Energy.Storage;

namespace Hub.Energy.Tests.Storage;

public sealed class HourBlockCodecTests
{
    private const long Plug = 42;
    private const long Day = 20_577;

    [Fact]
    public void EveryFieldAndEveryNullSurvivesARoundTrip()
    {
        var rows = new List<RollupValues>
        {
            Row(0, energy: 5_000_000_000L, minW: -25, maxW: 36_800, minV: 2_250, maxV: 2_349, minA: 0, maxA: 16_000),
            Row(7, energy: 0, minW: null, maxW: null, minV: null, maxV: null, minA: null, maxA: null),
            Row(23, energy: 123, minW: 10, maxW: null, minV: null, maxV: 2_300, minA: 5, maxA: null),
        };

        var payload = HourBlockCodec.Encode(Day, rows);
        var decoded = new List<RollupValues>();
        HourBlockCodec.Decode(Plug, Day, payload, Day * 24, (Day + 1) * 24, decoded);

        Assert.Equal(HourBlockCodec.HeaderSize + (3 * HourBlockCodec.RecordSize), payload.Length);
        Assert.Equal(rows, decoded);
    }

    [Fact]
    public void DecodingKeepsOnlyTheHoursInsideTheRange()
    {
        var rows = Enumerable.Range(0, 24).Select(h => Row(h, energy: h, minW: h, maxW: h, minV: 1, maxV: 2, minA: 3, maxA: 4))
            .ToList();
        var payload = HourBlockCodec.Encode(Day, rows);

        var decoded = new List<RollupValues>();
        HourBlockCodec.Decode(Plug, Day, payload, (Day * 24) + 5, (Day * 24) + 9, decoded);

        Assert.Equal(rows.GetRange(5, 4), decoded);
    }

    [Fact]
    public void AnotherFormatVersionIsRefusedWithItsNumber()
    {
        var payload = HourBlockCodec.Encode(Day, [Row(3, 1, 1, 1, 1, 1, 1, 1)]);
        payload[0] = 9;

        var error = Assert.Throws<InvalidDataException>(() =>
            HourBlockCodec.Decode(Plug, Day, payload, 0, long.MaxValue, []));

        Assert.Contains("version 9", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    [InlineData(-60)]
    public void APayloadWhoseLengthDoesNotMatchItsRecordCountIsRefused(int extraBytes)
    {
        var payload = HourBlockCodec.Encode(Day, [Row(3, 1, 1, 1, 1, 1, 1, 1), Row(4, 1, 1, 1, 1, 1, 1, 1)]);
        var changed = new byte[payload.Length + extraBytes];
        Array.Copy(payload, changed, Math.Min(payload.Length, changed.Length));

        var error = Assert.Throws<InvalidDataException>(() =>
            HourBlockCodec.Decode(Plug, Day, changed, 0, long.MaxValue, []));

        Assert.Contains($"{changed.Length} bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RowsOfAnotherDayOrOutOfOrderAreNotEncoded()
    {
        Assert.Throws<ArgumentException>(() => HourBlockCodec.Encode(Day, [Row(24, 1, 1, 1, 1, 1, 1, 1)]));
        Assert.Throws<ArgumentException>(() =>
            HourBlockCodec.Encode(Day, [Row(5, 1, 1, 1, 1, 1, 1, 1), Row(4, 1, 1, 1, 1, 1, 1, 1)]));
    }

    private static RollupValues Row(int hourOffset, long energy, int? minW, int? maxW, int? minV, int? maxV, int? minA,
        int? maxA) => new(ReadingKey.For(Plug, (Day * 24) + hourOffset), energy, 360 + hourOffset, 350 + hourOffset,
            (energy * 3) + hourOffset, minW, maxW, minV, maxV, minA, maxA, 60 - hourOffset);
}
