namespace Hub.Energy.Storage;

/// <summary>
/// Packs a plug id and a time bucket (Unix second, minute, hour, day or month number) into one 64-bit key. A single
/// integer key is SQLite's rowid, so the table is its own index, and a plug's range is one contiguous key range.
/// </summary>
public static class ReadingKey
{
    private const int BucketBits = 32;
    private const long BucketMask = (1L << BucketBits) - 1;

    public static long For(long plugId, long bucket) => (plugId << BucketBits) | (bucket & BucketMask);

    public static long PlugOf(long key) => key >> BucketBits;

    public static long BucketOf(long key) => key & BucketMask;

    /// <summary>The first key of the plug: <c>Key &gt;= First(p) &amp;&amp; Key &lt; First(p + 1)</c> is all of it.</summary>
    public static long First(long plugId) => plugId << BucketBits;

    public static bool IsValidPlugId(long plugId) => plugId is > 0 and < (1L << 31);
}
