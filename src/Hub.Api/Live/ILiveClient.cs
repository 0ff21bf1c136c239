namespace Hub.Api.Live;

/// <summary>What the hub pushes to open dashboards.</summary>
public interface ILiveClient
{
    /// <summary>The plugs that changed in the last second, at most one entry per plug.</summary>
    Task PlugsChanged(IReadOnlyList<PlugLiveUpdate> updates);

    /// <summary>An alert was raised, repeated, acknowledged or resolved.</summary>
    Task AlertChanged(AlertLiveChange change);
}
