namespace Hub.Devices.Ota.Library;

public enum UploadOutcomeKind
{
    Stored,
    Duplicate,
    TooLarge,
    Refused,
}
