namespace Hub.Energy.Storage;

/// <summary>
/// One plug's hour rollups of one complete UTC day, packed by <see cref="HourBlockCodec"/> so a year by hour reads 365
/// rows instead of 8,760. A derived, read-only copy: <see cref="HourRollup"/> rows stay the truth, and a block is
/// rewritten in the same transaction whenever its day's rows change. <see cref="Key"/> is
/// <c>ReadingKey.For(plug, utcDay)</c> with utcDay = Unix hour / 24.
/// </summary>
public sealed class HourBlock
{
    public long Key { get; set; }

    public byte[] Payload { get; set; } = [];
}
