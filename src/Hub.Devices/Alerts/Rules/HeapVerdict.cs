namespace Hub.Devices.Alerts.Rules;

/// <summary>The heap trend of one plug: bytes per hour (negative when falling), how well a line fits, time left.</summary>
internal sealed record HeapVerdict(
    bool Leaking, double BytesPerHour, double Fit, long LatestBytes, TimeSpan TimeLeft, TimeSpan Span, int Samples);
