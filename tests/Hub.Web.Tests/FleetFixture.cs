namespace Hub.Web.Tests;

/// <summary>One hub with four plugsim plugs for the page tests: three adopted, obk_000003 left pending for discovery.</summary>
public sealed class FleetFixture : IAsyncLifetime
{
    public const int Plugs = 4;
    public const int Adopted = 3;

    public HubWithPlugs Fleet { get; private set; } = null!;

    // Every page test signs in, and some check accounts over the API besides: more than a person's 10 a minute.
    public async ValueTask InitializeAsync() => Fleet = await HubWithPlugs.StartAsync(Plugs, Adopted, new Dictionary<string, string>
    {
        ["Auth__LoginAttemptsPerMinute"] = "100",
    });

    public async ValueTask DisposeAsync()
    {
        if (Fleet is not null)
        {
            await Fleet.DisposeAsync();
        }
    }
}
