using System.Net;
using Hub.Testing;

namespace Hub.Api.Tests.Settings;

public sealed class SettingsApiTests
{
    [Fact]
    public async Task TheBrokerViewShowsTheEmbeddedBrokersPortAndNoPassword()
    {
        await using var hub = new HubFactory();
        using var client = await hub.CreateHubClientAsync();
        using var login = await client.LoginAsync(HubFactory.AdminUser, hub.AdminPassword);

        using var response = await client.Http.GetAsync(new Uri("/api/settings/broker", UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var view = await HubHttpClient.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(view.GetProperty("embedded").GetBoolean());
        Assert.Equal(hub.BrokerPort, view.GetProperty("embeddedPort").GetInt32());
        Assert.Equal(hub.BrokerPort, view.GetProperty("hubPort").GetInt32());
        Assert.Equal("Embedded", view.GetProperty("accountStore").GetString());
        Assert.DoesNotContain("password", body, StringComparison.OrdinalIgnoreCase);
    }
}
