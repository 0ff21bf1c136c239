using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.Testing;
using Microsoft.Data.Sqlite;

namespace Hub.Api.Tests.Ota;

/// <summary>
/// The hub as a real process, killed with SIGKILL in the middle of a wave: no shutdown code runs, so only what was
/// written before each step tells the next process where every plug was.
/// </summary>
[Collection(SerialRollouts.Name)]
public sealed class RolloutHubKillTests
{
    private const string AdminPassword = "ota-kill-admin-password";
    private const string BootstrapPassword = "ota-kill-bootstrap";

    [Fact]
    public async Task AHubProcessKilledInTheMiddleOfAWaveResumesAndFlashesNoPlugTwice()
    {
        using var folder = new TempFolder("ota-kill");
        var environment = new Dictionary<string, string>
        {
            ["HUB_ADMIN_PASSWORD"] = AdminPassword,
            ["Mqtt__Bootstrap__Password"] = BootstrapPassword,
            ["Ota__Firmware__TrustedKeys__0"] = OtaImages.DevPublicKeyPath,
        };
        var (httpPort, brokerPort) = (FreePort.Next(), FreePort.Next());
        var hub = HubProcess.Start(folder.Path, environment, httpPort, brokerPort);
        try
        {
            await hub.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
            await using var sim = await PlugSim.StartAsync(new PlugSimOptions(brokerPort, "bootstrap", BootstrapPassword, folder.Combine("sim"))
            {
                Count = 6,
            });
            long id;
            List<string> flashedBeforeKill;
            using (var client = await SignedInAsync(hub))
            {
                await AdoptAllAsync(client, sim, Path.Combine(folder.Path, "data", "hub.db"));
                using var key = OtaImages.DevKey();
                using var upload = await client.PostBytesAsync("/api/firmware", OtaImages.PlugImage(key, "BL602", "1.19.0", OtaImages.Payload(8000)));
                Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
                var imageId = (await HubHttpClient.ReadJsonAsync(upload)).GetProperty("id").GetInt64();
                using var created = await client.SendAsync(HttpMethod.Post, "/api/rollouts", new
                {
                    name = "killed", firmwareId = imageId, waves = new[] { "3", "rest" }, maxConcurrency = 3, maxAttempts = 1,
                    errorThresholdPercent = 100, plugTimeoutSeconds = 60,
                });
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                id = (await HubHttpClient.ReadJsonAsync(created)).GetProperty("rollout").GetProperty("id").GetInt64();
                var inFlight = await Eventually.MatchAsync(() => RolloutAsync(client, id),
                    r => Plugs(r).Any(p => p.State is "Rebooting" or "Verifying"), TimeSpan.FromSeconds(60));
                flashedBeforeKill = [.. Plugs(inFlight).Where(p => p.State is "Rebooting" or "Verifying").Select(p => p.Topic)];
            }

            await hub.DisposeAsync();
            hub = HubProcess.Start(folder.Path, environment, httpPort, brokerPort);
            await hub.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
            using var again = await SignedInAsync(hub);
            var end = await Eventually.MatchAsync(() => RolloutAsync(again, id),
                r => r.GetProperty("status").GetString() == "Completed"
                    || (r.GetProperty("status").GetString() == "Paused" && Plugs(r).All(p => p.State is "Succeeded" or "Failed" or "Queued")),
                TimeSpan.FromSeconds(120));
            var rows = Plugs(end);

            Assert.Equal(6, rows.Count);
            Assert.All(flashedBeforeKill, topic => Assert.Equal("Succeeded", rows.Single(r => r.Topic == topic).State));
            Assert.All(rows, r => Assert.True(r.State is "Succeeded" or "Queued" || r.Reason == Hub.Devices.Ota.Delivery.PushDelivery.Interrupted,
                $"{r.Topic}: {r.State} {r.Reason}"));
            Assert.All(rows.Where(r => r.State == "Succeeded"), r => Assert.Contains(" 1.19.0 ", r.Build, StringComparison.Ordinal));
            Assert.All(sim.Plugs.Keys, topic => Assert.True(
                sim.Output.Count(l => l.Contains(topic, StringComparison.Ordinal) && l.Contains("bytes into slot", StringComparison.Ordinal)) <= 1,
                $"{topic} was sent the image twice"));
        }
        finally
        {
            await hub.DisposeAsync();
        }
    }

    private static List<(string Topic, string State, string? Reason, string? Build)> Plugs(JsonElement rollout) =>
    [
        .. rollout.GetProperty("plugs").EnumerateArray().Select(p => (p.GetProperty("topic").GetString()!, p.GetProperty("state").GetString()!,
            p.GetProperty("reason").GetString(), p.GetProperty("reportedBuild").GetString())),
    ];

    private static async Task<JsonElement> RolloutAsync(HubHttpClient client, long id)
    {
        using var response = await client.Http.GetAsync(new Uri($"/api/rollouts/{id}", UriKind.Relative));
        return await HubHttpClient.ReadJsonAsync(response);
    }

    /// <summary>
    /// Adopts every plug, waits out the restart that moves it to its own account, and writes where its web server
    /// answers straight into the database: plugsim's ports are ephemeral, and finding them is discovery's job.
    /// </summary>
    private static async Task AdoptAllAsync(HubHttpClient client, PlugSim sim, string database)
    {
        var ids = new Dictionary<string, long>();
        foreach (var topic in sim.Plugs.Keys)
        {
            var listed = await Eventually.MatchAsync(() => client.Http.GetFromJsonAsync<JsonElement>($"/api/plugs?search={topic}"),
                page => page.GetProperty("items").GetArrayLength() == 1 && page.GetProperty("items")[0].GetProperty("online").GetBoolean(),
                TimeSpan.FromSeconds(30));
            ids[topic] = listed.GetProperty("items")[0].GetProperty("id").GetInt64();
            using var adopted = await client.SendAsync(HttpMethod.Post, $"/api/plugs/{ids[topic]}/adopt");
            Assert.True(adopted.IsSuccessStatusCode, await adopted.Content.ReadAsStringAsync());
        }

        foreach (var plugId in ids.Values)
        {
            await Eventually.MatchAsync(() => client.Http.GetFromJsonAsync<JsonElement>($"/api/plugs/{plugId}"),
                d => d.GetProperty("plug").GetProperty("online").GetBoolean()
                    && d.GetProperty("state").GetProperty("bootCount") is { ValueKind: JsonValueKind.Number } boots && boots.GetInt32() >= 2,
                TimeSpan.FromSeconds(30));
        }

        await using (var db = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            await db.OpenAsync();
            foreach (var (topic, plugId) in ids)
            {
                await using var update = db.CreateCommand();
                update.CommandText = "UPDATE Plugs SET HttpEndpoint = $endpoint WHERE Id = $id";
                update.Parameters.AddWithValue("$endpoint", sim.Plugs[topic].ToString());
                update.Parameters.AddWithValue("$id", plugId);
                Assert.Equal(1, await update.ExecuteNonQueryAsync());
            }
        }

        foreach (var plugId in ids.Values)
        {
            await Eventually.MatchAsync(() => client.Http.GetFromJsonAsync<JsonElement>($"/api/plugs/{plugId}"),
                d => d.GetProperty("plug").GetProperty("firmwareBuild").GetString() is { } build && build.StartsWith("OpenBL602 ", StringComparison.Ordinal),
                TimeSpan.FromSeconds(30));
        }
    }

    private static async Task<HubHttpClient> SignedInAsync(HubProcess hub)
    {
        var client = new HubHttpClient(new HttpClient(new HttpClientHandler { UseCookies = true }) { BaseAddress = hub.BaseAddress });
        using var login = await client.LoginAsync(HubFactory.AdminUser, AdminPassword);
        login.EnsureSuccessStatusCode();
        return client;
    }
}
