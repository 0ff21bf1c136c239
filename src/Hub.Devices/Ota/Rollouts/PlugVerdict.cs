using Hub.Devices.Ota.Delivery;

namespace Hub.Devices.Ota.Rollouts;

/// <summary>Whether an image may go to a plug (a refusal names the reason), and how it would be delivered.</summary>
public sealed record PlugVerdict(long PlugId, string Topic, bool Compatible, string? Reason, string? CurrentVersion, OtaDelivery? Delivery = null);
