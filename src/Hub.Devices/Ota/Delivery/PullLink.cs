namespace Hub.Devices.Ota.Delivery;

/// <summary>The download URL a plug is told, or why it cannot be told that URL (then the link must be closed unused).</summary>
public sealed record PullLink(string Url, string? Refusal)
{
    public bool Usable => Refusal is null;
}
