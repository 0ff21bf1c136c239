namespace Hub.Api.Profiles;

public sealed record AssignmentView(long PlugId, string Status, int Attempts, string? LastError, DateTimeOffset UpdatedAt);
