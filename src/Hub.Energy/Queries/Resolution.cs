namespace Hub.Energy.Queries;

public enum Resolution
{
    Auto,
    Raw,
    Minute,
    Hour,
    Day,
    Month,
}
