namespace Hub.Devices.Ota.Library;

/// <summary>What came with an upload besides its bytes.</summary>
public sealed record FirmwareUpload(string? FileName, string Actor, string? Chip = null, string? Version = null);
