namespace Hub.Devices.Alerts.Channels;

public sealed record ChannelTestResult(bool Delivered, string? Error);
