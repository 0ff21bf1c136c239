namespace Hub.Devices.Ota.Delivery;

/// <summary>A freshly issued grant and the secret token of its URL, which is stored nowhere but in that URL.</summary>
public sealed record IssuedPull(PullGrant Grant, string Token);
