using System.Buffers.Binary;

namespace Hub.Energy.Storage;

/// <summary>
/// The byte layout of an <see cref="HourBlock"/>: a version byte and a record count, then one fixed-size little-endian
/// record per hour present, in hour order. A record is the hour's offset in the day (0..23), a bit per nullable field
/// saying it is present, then every <see cref="RollupRow"/> field at a fixed offset (absent fields are written as 0).
/// Fixed-size records keep decoding a bounds check and a few loads per hour, with no parsing.
/// </summary>
internal static class HourBlockCodec
{
    public const byte Version = 1;
    public const int HeaderSize = 2;
    public const int RecordSize = 54;

    private const int HoursPerDay = 24;
    private const byte KnownPresenceBits = 0b11_1111;

    /// <summary>Packs one plug's rows of one UTC day; <paramref name="rows"/> must be that day's hours in key order.</summary>
    public static byte[] Encode(long day, IReadOnlyList<RollupValues> rows)
    {
        if (rows.Count > HoursPerDay)
        {
            throw new ArgumentException($"A day has 24 hours, not {rows.Count}", nameof(rows));
        }

        var payload = new byte[HeaderSize + (rows.Count * RecordSize)];
        payload[0] = Version;
        payload[1] = (byte)rows.Count;
        var previous = -1L;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var offset = ReadingKey.BucketOf(row.Key) - (day * HoursPerDay);
            if (offset is < 0 or >= HoursPerDay || offset <= previous)
            {
                throw new ArgumentException($"Hour {ReadingKey.BucketOf(row.Key)} is not in day {day} in order", nameof(rows));
            }

            previous = offset;
            Write(payload.AsSpan(HeaderSize + (i * RecordSize), RecordSize), (byte)offset, row);
        }

        return payload;
    }

    /// <summary>
    /// Appends to <paramref name="into"/> the block's hours inside [<paramref name="firstHour"/>, <paramref name="endHour"/>)
    /// (Unix hours), with the keys <see cref="ReadingKey"/> gives them for <paramref name="plugId"/>.
    /// </summary>
    public static void Decode(long plugId, long day, ReadOnlySpan<byte> payload, long firstHour, long endHour,
        List<RollupValues> into)
    {
        var count = CheckHeader(payload);
        var previous = -1;
        for (var i = 0; i < count; i++)
        {
            var record = payload.Slice(HeaderSize + (i * RecordSize), RecordSize);
            int offset = record[0];
            if (offset >= HoursPerDay || offset <= previous)
            {
                throw new InvalidDataException($"Hour block record {i} has hour offset {offset} after {previous}");
            }

            previous = offset;
            var hour = (day * HoursPerDay) + offset;
            if (hour >= firstHour && hour < endHour)
            {
                into.Add(Read(record, ReadingKey.For(plugId, hour)));
            }
        }
    }

    private static int CheckHeader(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < HeaderSize)
        {
            throw new InvalidDataException($"Hour block of {payload.Length} bytes has no header");
        }

        if (payload[0] != Version)
        {
            throw new InvalidDataException($"Hour block has format version {payload[0]}; this hub reads version {Version}");
        }

        int count = payload[1];
        if (count > HoursPerDay || payload.Length != HeaderSize + (count * RecordSize))
        {
            throw new InvalidDataException(
                $"Hour block of {payload.Length} bytes does not hold the {count} records of {RecordSize} bytes its header announces");
        }

        return count;
    }

    private static void Write(Span<byte> record, byte offset, RollupValues row)
    {
        record[0] = offset;
        record[1] = (byte)(Bit(row.MinPowerDw, 0) | Bit(row.MaxPowerDw, 1) | Bit(row.MinVoltageDv, 2)
            | Bit(row.MaxVoltageDv, 3) | Bit(row.MinCurrentMa, 4) | Bit(row.MaxCurrentMa, 5));
        BinaryPrimitives.WriteInt64LittleEndian(record[2..], row.EnergyMwh);
        BinaryPrimitives.WriteInt32LittleEndian(record[10..], row.Samples);
        BinaryPrimitives.WriteInt32LittleEndian(record[14..], row.PowerSamples);
        BinaryPrimitives.WriteInt64LittleEndian(record[18..], row.PowerSumDw);
        BinaryPrimitives.WriteInt32LittleEndian(record[26..], row.MinPowerDw ?? 0);
        BinaryPrimitives.WriteInt32LittleEndian(record[30..], row.MaxPowerDw ?? 0);
        BinaryPrimitives.WriteInt32LittleEndian(record[34..], row.MinVoltageDv ?? 0);
        BinaryPrimitives.WriteInt32LittleEndian(record[38..], row.MaxVoltageDv ?? 0);
        BinaryPrimitives.WriteInt32LittleEndian(record[42..], row.MinCurrentMa ?? 0);
        BinaryPrimitives.WriteInt32LittleEndian(record[46..], row.MaxCurrentMa ?? 0);
        BinaryPrimitives.WriteInt32LittleEndian(record[50..], row.OnlineMinutes);
    }

    private static RollupValues Read(ReadOnlySpan<byte> record, long key)
    {
        var present = record[1];
        if ((present & ~KnownPresenceBits) != 0)
        {
            throw new InvalidDataException($"Hour block record has unknown presence bits {present:X2}");
        }

        return new RollupValues(key, BinaryPrimitives.ReadInt64LittleEndian(record[2..]),
            BinaryPrimitives.ReadInt32LittleEndian(record[10..]), BinaryPrimitives.ReadInt32LittleEndian(record[14..]),
            BinaryPrimitives.ReadInt64LittleEndian(record[18..]), Field(record, present, 0, 26),
            Field(record, present, 1, 30), Field(record, present, 2, 34), Field(record, present, 3, 38),
            Field(record, present, 4, 42), Field(record, present, 5, 46), BinaryPrimitives.ReadInt32LittleEndian(record[50..]));
    }

    private static int Bit(int? value, int bit) => value is null ? 0 : 1 << bit;

    private static int? Field(ReadOnlySpan<byte> record, byte present, int bit, int at) =>
        (present & (1 << bit)) == 0 ? null : BinaryPrimitives.ReadInt32LittleEndian(record[at..]);
}
