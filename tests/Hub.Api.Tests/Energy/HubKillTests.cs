using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.Testing;
using MQTTnet;

namespace Hub.Api.Tests.Energy;

public sealed class HubKillTests
{
    // Our firmware sends each counter a second time as a QoS 1 SENSOR stamped with the plug's clock; the hub is killed
    // while plugs draw 3.6 kW, so the broker redelivers a burst of those after the restart, and messages committed but
    // not yet acknowledged come again. Stored energy must still equal each plug's counter: nothing flagged as a glitch
    // (the burst is judged by the plugs' stamps, not its arrival) and nothing counted twice.
    [Fact]
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
            // Readiness includes mosquitto's plug accounts; a plug refused before that backs off for up to a minute,
            // longer than this test waits for its first reading, so check the bootstrap account as a plug would.
            await BootstrapAcceptedAsync(mosquitto.Port, bootstrapPassword);
            var published = new ConcurrentDictionary<string, double>();
            await using var recorder = await MqttProbe.ConnectAsync(mosquitto.Port, MosquittoBroker.AdminUser, mosquitto.AdminPassword,
                "tele/+/SENSOR");
            recorder.Client.ApplicationMessageReceivedAsync += e =>
            {
                var plug = e.ApplicationMessage.Topic.Split('/')[1];
                using var sensor = JsonDocument.Parse(e.ApplicationMessage.ConvertPayloadToString());
                published[plug] = sensor.RootElement.GetProperty("ENERGY").GetProperty("ConsumptionTotal").GetDouble();
                return Task.CompletedTask;
            };
            await using var sim = await PlugSim.StartAsync(new PlugSimOptions(mosquitto.Port, "bootstrap", bootstrapPassword,
                folder.Combine("sim")) { Count = 3, PowerW = 3600, PublishIntervalSeconds = 1 });
            var topics = sim.Plugs.Keys.ToList();
            // A plug subscribes to its commands before its first SENSOR goes out: after that, ON cannot be missed.
            foreach (var topic in topics)
            {
                await recorder.WaitForAsync((t, _) => t == $"tele/{topic}/SENSOR", TimeSpan.FromSeconds(60));
            }

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
                JsonElement summary;
                try
                {
                    summary = await Eventually.MatchAsync(
                        () => http.GetFromJsonAsync<JsonElement>($"/api/energy/plugs/{id}/summary"),
                        s => s.GetProperty("lastCounterWh").ValueKind == JsonValueKind.Number
                             && Math.Abs(s.GetProperty("lastCounterWh").GetDouble() - published[topic]) < 0.0005
                             && Math.Abs(s.GetProperty("lifetimeKwh").GetDouble() * 1000 - published[topic]) < 0.002,
                        TimeSpan.FromSeconds(120));
                }
                catch (TimeoutException timeout)
                {
                    // The counter events (glitches, resets) say where the energy went.
                    var events = await http.GetStringAsync($"/api/energy/plugs/{id}/events", TestContext.Current.CancellationToken);
                    var ingest = await http.GetStringAsync("/api/energy/ingest", TestContext.Current.CancellationToken);
                    throw new TimeoutException($"{timeout.Message}; published {published[topic]} Wh; events {events}; ingest {ingest}", timeout);
                }

                Assert.True(published[topic] > 14);
                Assert.Equal(published[topic], summary.GetProperty("lifetimeKwh").GetDouble() * 1000, 2);
            }
        }
        finally
        {
            await hub.DisposeAsync();
        }
    }

    private static Task<bool> BootstrapAcceptedAsync(int port, string password) => Eventually.MatchAsync(async () =>
    {
        try
        {
            await using var plugLike = await MqttProbe.ConnectAsync(port, "bootstrap", password);
            return true;
        }
        catch (MQTTnet.Adapter.MqttConnectingFailedException)
        {
            return false;
        }
    }, accepted => accepted, TimeSpan.FromSeconds(60));

    /// <summary>Waits until every plug's published counter passed <paramref name="wh"/>: the plugs' own clock of progress.</summary>
    private static async Task AllAboveAsync(ConcurrentDictionary<string, double> published, List<string> topics, double wh)
    {
        try
        {
            await Eventually.MatchAsync(() => Task.FromResult(topics.All(t => published.GetValueOrDefault(t) > wh)), all => all,
                TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException timeout)
        {
            var counters = string.Join(", ", topics.Select(t => $"{t}: {published.GetValueOrDefault(t)}"));
            throw new TimeoutException($"Not every plug's counter passed {wh} Wh ({counters})", timeout);
        }
    }

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
