namespace Hub.Devices.Fleet.Profiles;

/// <summary>Whether a profile reached one plug. Pending ones are applied as soon as their plug is online.</summary>
public sealed class ProfileAssignment
{
    public long ProfileId { get; set; }

    public long PlugId { get; set; }

    public ProfileAssignmentStatus Status { get; set; }

    public int Attempts { get; set; }

    /// <summary>
    /// Restarts of the plug that crossed this apply since it was last (re)assigned; unlike <see cref="Attempts"/> it is
    /// reset on assignment, so it caps the re-sends of this apply alone.
    /// </summary>
    public int RestartsWhilePending { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
