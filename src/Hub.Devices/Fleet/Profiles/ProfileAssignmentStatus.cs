namespace Hub.Devices.Fleet.Profiles;

public enum ProfileAssignmentStatus
{
    Pending,
    Applied,
    Failed,
}
