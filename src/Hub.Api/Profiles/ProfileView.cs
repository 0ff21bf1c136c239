namespace Hub.Api.Profiles;

public sealed record ProfileView(long Id, string Name, IReadOnlyList<Hub.Devices.Fleet.Profiles.ProfileCommand> Commands);
