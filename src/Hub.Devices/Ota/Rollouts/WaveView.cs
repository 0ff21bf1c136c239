namespace Hub.Devices.Ota.Rollouts;

/// <summary>One wave's size and how many of its plugs are in each state.</summary>
public sealed record WaveView(int Wave, int Size, IReadOnlyDictionary<RolloutPlugState, int> States);
