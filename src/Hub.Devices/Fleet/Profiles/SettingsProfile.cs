namespace Hub.Devices.Fleet.Profiles;

/// <summary>A named set of settings (as console commands both firmware families understand) to apply to many plugs.</summary>
public sealed class SettingsProfile
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public List<ProfileCommand> Commands { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
}
