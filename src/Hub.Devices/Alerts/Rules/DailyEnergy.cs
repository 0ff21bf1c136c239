namespace Hub.Devices.Alerts.Rules;

/// <summary>Energy used so far on <paramref name="Day"/>, a local day in the owner's time zone, by plug id.</summary>
public sealed record DailyEnergy(DateOnly Day, string TimeZone, IReadOnlyDictionary<long, double> KwhByPlug);
