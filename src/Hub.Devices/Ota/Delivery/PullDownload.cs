using Hub.Devices.Ota.Library;

namespace Hub.Devices.Ota.Delivery;

/// <summary>What the download endpoint needs to answer a token: its grant and the image file, or why it is refused.</summary>
public sealed record PullDownload(PullGrant? Grant, FirmwareImage? Image, string? Path, PullRefusal Refusal);
