namespace Hub.Devices.Watchdog;

/// <summary>
/// Limits the watchdog's actions on one target: at most K within a window, each further one only after a back-off
/// that doubles. Once the limit is reached the target needs attention: a person, not another power cycle.
/// </summary>
internal sealed class FlapGuard(int maxActions, TimeSpan window, TimeSpan backoff, TimeSpan maxBackoff)
{
    private readonly List<DateTimeOffset> _actions = [];

    public bool NeedsAttention { get; private set; }

    /// <summary>The actions still counted, oldest first, as last pruned.</summary>
    public IReadOnlyList<DateTimeOffset> Actions => _actions;

    /// <summary>Takes back the state saved before a restart.</summary>
    public void Restore(IEnumerable<DateTimeOffset> actions, bool needsAttention)
    {
        _actions.Clear();
        _actions.AddRange(actions.Order());
        NeedsAttention = needsAttention;
    }

    public int ActionsInWindow(DateTimeOffset now)
    {
        _actions.RemoveAll(at => now - at >= window);
        return _actions.Count;
    }

    public FlapDecision Decide(DateTimeOffset now)
    {
        if (NeedsAttention)
        {
            return FlapDecision.NeedsAttention;
        }

        var count = ActionsInWindow(now);
        if (count >= maxActions)
        {
            NeedsAttention = true;
            return FlapDecision.GiveUp;
        }

        return count > 0 && now < _actions[^1] + Backoff(count) ? FlapDecision.Wait : FlapDecision.Act;
    }

    public void Acted(DateTimeOffset now) => _actions.Add(now);

    /// <summary>The target answers again; the actions stay counted, so a target that keeps failing still runs out.</summary>
    public void Recovered() => NeedsAttention = false;

    /// <summary>A person says the target is fixed: the next outage may be acted on with a clean slate.</summary>
    public void Reset()
    {
        NeedsAttention = false;
        _actions.Clear();
    }

    private TimeSpan Backoff(int actions)
    {
        var seconds = backoff.TotalSeconds * Math.Pow(2, Math.Max(0, actions - 1));
        return TimeSpan.FromSeconds(Math.Min(seconds, maxBackoff.TotalSeconds));
    }
}
