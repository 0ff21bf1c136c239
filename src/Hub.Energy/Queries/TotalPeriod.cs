namespace Hub.Energy.Queries;

public enum TotalPeriod
{
    Day,
    Month,
}
