namespace Hub.Api.Plugs;

public sealed record HistoryItem(long Id, DateTimeOffset At, string Kind, string Detail, string Actor);
