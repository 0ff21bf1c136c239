namespace Hub.Devices.Ota.Library;

/// <summary>What parsing an image found, or the check it failed (<see cref="FailedCheck"/> set, the rest meaningless).</summary>
public sealed record ImageInspection(FirmwareFormat Format, string ChipFamily, string Version, bool SignatureVerified)
{
    public string? FailedCheck { get; init; }

    public string? Detail { get; init; }

    public bool Ok => FailedCheck is null;

    public static ImageInspection Refused(string check, string detail) =>
        new(default, string.Empty, string.Empty, false) { FailedCheck = check, Detail = detail };
}
