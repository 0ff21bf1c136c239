namespace Hub.Devices.Ota.Library;

/// <summary>The upload's result: the stored (or already stored) image, or why nothing was stored.</summary>
public sealed record UploadOutcome(UploadOutcomeKind Kind, FirmwareImage? Image = null, ImageInspection? Refusal = null, long Limit = 0);
