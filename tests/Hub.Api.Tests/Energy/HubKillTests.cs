using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.Testing;
using MQTTnet;

namespace Hub.Api.Tests.Energy;

public sealed class HubKillTests
{
    // Fails today (issue 6 stays open): readings queued while the hub was down arrive in a burst stamped with their
    // receive time, the per-second merge keeps the burst's first counter, and the next reading then looks like a jump
    // faster than MaxPowerW and is dropped as a glitch (15 of 76 Wh lost in one run).
    [Fact(Skip = "Known energy loss after a hub outage, see the comment above; issue 6")]
    public async Task AHubKilledMidIngestLosesNoEnergyAndCountsNoneTwice()
    {
        await using var mosquitto = await MosquittoBroker.StartAsync();
        using var folder = new TempFolder("kill");
        const string adminPassword = "kill-test-admin-password";
        const string bootstrapPassword = "kill-test-bootstrap";
        var environment = mosquitto.HubSettings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);
        environment["Mqtt__Bootstrap__Password"] = bootstrapPassword;
        environment["HUB_ADMIN_PASSWORD"] = adminPassword;
        environment["Discovery__PeriodicSsdp"] = "false";
        var httpPort = FreePort.Next();
        var hub = HubProcess.Start(folder.Path, environment, httpPort, FreePort.Next());
        try
        {
            await hub.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
            var published = new ConcurrentDictionary<string, double>();
            await using var recorder = await MqttProbe.ConnectAsync(mosquitto.Port, MosquittoBroker.AdminUser, mosquitto.AdminPassword,
                "+/energycounter/get");
            recorder.Client.ApplicationMessageReceivedAsync += e =>
            {
                var plug = e.ApplicationMessage.Topic.Split('/')[0];
                published[plug] = double.Parse(e.ApplicationMessage.ConvertPayloadToString(), CultureInfo.InvariantCulture);
                return Task.CompletedTask;
            };
            await using var sim = await PlugSim.StartAsync(new PlugSimOptions(mosquitto.Port, "bootstrap", bootstrapPassword,
                folder.Combine("sim")) { Count = 3, PowerW = 3600, PublishIntervalSeconds = 1 });
            var topics = sim.Plugs.Keys.ToList();
            await recorder.WaitForAsync((t, _) => t == $"{topics[^1]}/energycounter/get", TimeSpan.FromSeconds(60));
            foreach (var topic in topics)
            {
                await recorder.Client.PublishStringAsync($"cmnd/{topic}/POWER", "ON", MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce,
                    cancellationToken: TestContext.Current.CancellationToken);
            }

            await AllAboveAsync(published, topics, 4);
            await hub.DisposeAsync();
            await AllAboveAsync(published, topics, 9);
            hub = HubProcess.Start(folder.Path, environment, httpPort, FreePort.Next());
            await hub.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
            await AllAboveAsync(published, topics, 14);
            foreach (var topic in topics)
            {
                await recorder.Client.PublishStringAsync($"cmnd/{topic}/POWER", "OFF", MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce,
                    cancellationToken: TestContext.Current.CancellationToken);
            }

            using var http = await SignedInAsync(hub, adminPassword);
            foreach (var topic in topics)
            {
                var plugs = await http.GetFromJsonAsync<JsonElement>($"/api/plugs?search={topic}", TestContext.Current.CancellationToken);
                var id = plugs.GetProperty("items")[0].GetProperty("id").GetInt64();
                // The plug's last counter after its relay went off is final: the stored total must reach exactly it.
                var summary = await Eventually.MatchAsync(
                    () => http.GetFromJsonAsync<JsonElement>($"/api/energy/plugs/{id}/summary"),
                    s => s.GetProperty("lastCounterWh").ValueKind == JsonValueKind.Number
                         && Math.Abs(s.GetProperty("lastCounterWh").GetDouble() - published[topic]) < 0.0005
                         && Math.Abs(s.GetProperty("lifetimeKwh").GetDouble() * 1000 - published[topic]) < 0.002,
                    TimeSpan.FromSeconds(60));
                Assert.True(published[topic] > 14);
                Assert.Equal(published[topic], summary.GetProperty("lifetimeKwh").GetDouble() * 1000, 2);
            }
        }
        finally
        {
            await hub.DisposeAsync();
        }
    }

    /// <summary>Waits until every plug's published counter passed <paramref name="wh"/>: the plugs' own clock of progress.</summary>
    private static Task<bool> AllAboveAsync(ConcurrentDictionary<string, double> published, List<string> topics, double wh) =>
        Eventually.MatchAsync(() => Task.FromResult(topics.All(t => published.GetValueOrDefault(t) > wh)), all => all,
            TimeSpan.FromSeconds(60));

    private static async Task<HttpClient> SignedInAsync(HubProcess hub, string password)
    {
        var http = new HttpClient(new HttpClientHandler { UseCookies = true }) { BaseAddress = hub.BaseAddress };
        var af = await http.GetFromJsonAsync<JsonElement>("/api/auth/antiforgery");
        using var login = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = JsonContent.Create(new { userName = "admin", password }),
        };
        login.Headers.Add(af.GetProperty("headerName").GetString()!, af.GetProperty("token").GetString());
        (await http.SendAsync(login)).EnsureSuccessStatusCode();
        return http;
    }
}
