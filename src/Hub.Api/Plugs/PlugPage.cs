namespace Hub.Api.Plugs;

public sealed record PlugPage(IReadOnlyList<PlugSummary> Items, int Total, int Page, int PageSize);
