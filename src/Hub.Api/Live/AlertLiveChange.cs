using Hub.Devices.Alerts;

namespace Hub.Api.Live;

/// <summary>One alert as it is now, with the count of active alerts after the change (the header's badge).</summary>
public sealed record AlertLiveChange(AlertView Alert, int ActiveCount);
