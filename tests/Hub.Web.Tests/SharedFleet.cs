namespace Hub.Web.Tests;

/// <summary>The page tests share one hub and run one after another: two cores, one browser.</summary>
[CollectionDefinition(Name)]
public sealed class SharedFleet : ICollectionFixture<FleetFixture>
{
    public const string Name = "fleet";
}
