namespace Hub.Energy.Storage;

/// <summary>
/// A minute that got new readings since its rollups were computed. The writer bumps <see cref="Version"/> in the batch's
/// transaction; the rollup job deletes the marker only if the version is still the one it read, so nothing is missed.
/// </summary>
public sealed class DirtyMinute
{
    public long Minute { get; set; }

    public long Version { get; set; }
}
