namespace Hub.Devices.Alerts.Rules;

/// <summary>
/// Free-heap samples of one plug and the straight line through them (least squares). A leak is a line that falls
/// steadily; it is reported while the plug still has memory, with the time left until it reaches the floor.
/// </summary>
internal sealed class HeapTrend
{
    private readonly Queue<(DateTimeOffset At, long Bytes)> _samples = new();

    public int Count => _samples.Count;

    public void Add(DateTimeOffset at, long bytes, TimeSpan window)
    {
        _samples.Enqueue((at, bytes));
        while (_samples.Count > 0 && at - _samples.Peek().At > window)
        {
            _samples.Dequeue();
        }
    }

    /// <summary>After a reboot the heap starts over; old samples would bend the line.</summary>
    public void Reset() => _samples.Clear();

    /// <summary>The fitted trend, or null while there are too few samples over too short a span to say anything.</summary>
    public HeapVerdict? Evaluate(int minSamples, TimeSpan minSpan, double minLeakBytesPerHour, long floorBytes, TimeSpan horizon)
    {
        if (_samples.Count < minSamples)
        {
            return null;
        }

        var first = _samples.Peek().At;
        var points = _samples.Select(s => ((s.At - first).TotalHours, (double)s.Bytes)).ToList();
        var span = TimeSpan.FromHours(points[^1].Item1);
        if (span < minSpan)
        {
            return null;
        }

        var meanX = points.Average(p => p.Item1);
        var meanY = points.Average(p => p.Item2);
        var sxx = points.Sum(p => (p.Item1 - meanX) * (p.Item1 - meanX));
        var sxy = points.Sum(p => (p.Item1 - meanX) * (p.Item2 - meanY));
        var syy = points.Sum(p => (p.Item2 - meanY) * (p.Item2 - meanY));
        var slope = sxx == 0 ? 0 : sxy / sxx;
        // A steady fall fits a line well; allocation noise around a flat level does not.
        var fit = syy == 0 || sxx == 0 ? 0 : sxy * sxy / (sxx * syy);
        var latest = _samples.Last().Bytes;
        // Capped at about a century: a barely falling line would overflow a TimeSpan.
        var left = TimeSpan.FromHours(slope < 0 ? Math.Min(Math.Max(0, latest - floorBytes) / -slope, 1e6) : 1e6);
        var leaking = slope <= -minLeakBytesPerHour && fit >= 0.6 && left < horizon;
        return new HeapVerdict(leaking, slope, fit, latest, left, span, _samples.Count);
    }
}
