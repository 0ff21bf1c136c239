namespace Hub.Web.Tests;

public sealed record PlugRow(long Id, string Topic, string Status, bool Online, string? Name);
