using System.Net;
using System.Threading.Channels;
using Hub.Api.Live;
using Hub.Devices.Watchdog;
using Hub.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Hub.Api.Tests.Live;

public sealed class MaintenanceLiveTests
{
    [Fact]
    public async Task WindowsThatStartEndByHandOrExpireArePushedOnceEachWithThePlugTheyConcern()
    {
        // Fake time so the device's window expires on cue; the watchdog's tick, which notices expiry, follows it.
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var hub = new HubFactory(services: s => s.AddSingleton<TimeProvider>(time));
        using var client = await hub.CreateHubClientAsync();
        using var login = await client.LoginAsync(HubFactory.AdminUser, hub.AdminPassword);
        var changes = Channel.CreateUnbounded<MaintenanceChange>();
        await using var live = await LiveClient.ConnectAsync(hub, client,
            c => c.On<MaintenanceChange>(nameof(ILiveClient.MaintenanceChanged), change => changes.Writer.TryWrite(change)));
        var plugId = await StoredPlugs.AddAdoptedAsync(hub, "obk_desk_plug");
        using var device = await client.SendAsync(HttpMethod.Post, "/api/watchdog/devices", new { name = "nas", plugId, host = "127.0.0.1" });
        var deviceId = (await HubHttpClient.ReadJsonAsync(device)).GetProperty("id").GetInt64();
        var seen = new List<MaintenanceChange>();

        using var plugWindow = await client.SendAsync(HttpMethod.Post, "/api/watchdog/maintenance",
            new { plugId, until = time.GetUtcNow().AddHours(1), note = "rewiring" });
        var plugWindowId = (await HubHttpClient.ReadJsonAsync(plugWindow)).GetProperty("id").GetInt64();
        using var deviceWindow = await client.SendAsync(HttpMethod.Post, "/api/watchdog/maintenance",
            new { deviceId, until = time.GetUtcNow().AddSeconds(5), note = "disk swap" });
        var deviceWindowId = (await HubHttpClient.ReadJsonAsync(deviceWindow)).GetProperty("id").GetInt64();
        seen.Add(await NextAsync());
        seen.Add(await NextAsync());

        using var ended = await client.SendAsync(HttpMethod.Delete, $"/api/watchdog/maintenance/{plugWindowId}");
        seen.Add(await NextAsync());

        // Past the device window's end, in steps, so the watchdog's timer fires on the way; then past a periodic reload of
        // the windows (Watchdog:ReloadSeconds, 60), which must announce nothing again.
        await Eventually.MatchAsync(() =>
        {
            time.Advance(TimeSpan.FromSeconds(1));
            Drain();
            return Task.FromResult(seen);
        }, s => s.Any(c => c.Change == MaintenanceChangeKind.Expired), TimeSpan.FromSeconds(60));
        var registry = hub.Services.GetRequiredService<MaintenanceRegistry>();
        var reloadsBefore = registry.Reloads;
        // Nothing but the watchdog's timer reloads the windows meanwhile (no API call changes them here).
        await Eventually.MatchAsync(() =>
        {
            time.Advance(TimeSpan.FromSeconds(1));
            return Task.FromResult(registry.Reloads);
        }, reloads => reloads > reloadsBefore, TimeSpan.FromSeconds(60));

        using var stillKnown = await client.SendAsync(HttpMethod.Get, "/api/watchdog/maintenance");
        var stillKnownCount = (await HubHttpClient.ReadJsonAsync(stillKnown)).GetArrayLength();
        // A later window's start goes through the same channel and connection: anything the periodic reload announced
        // has arrived before it.
        using var laterWindow = await client.SendAsync(HttpMethod.Post, "/api/watchdog/maintenance",
            new { plugId, until = time.GetUtcNow().AddHours(1), note = "marker" });
        var laterWindowId = (await HubHttpClient.ReadJsonAsync(laterWindow)).GetProperty("id").GetInt64();
        MaintenanceChange next;
        do
        {
            next = await NextAsync();
            seen.Add(next);
        }
        while (next.Window.Id != laterWindowId);

        Drain();

        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        Assert.Equal(0, stillKnownCount);
        Assert.Equal(
            [
                (plugWindowId, MaintenanceChangeKind.Started, (long?)plugId),
                (deviceWindowId, MaintenanceChangeKind.Started, plugId),
                (plugWindowId, MaintenanceChangeKind.Ended, plugId),
                (deviceWindowId, MaintenanceChangeKind.Expired, plugId),
                (laterWindowId, MaintenanceChangeKind.Started, plugId),
            ],
            seen.Select(c => (c.Window.Id, c.Change, c.PlugId)));
        Assert.Equal(("disk swap", (long?)deviceId), (seen[^2].Window.Note, seen[^2].Window.DeviceId));

        // Every push in turn, none skipped: a window announced twice must fail the sequence below.
        Task<MaintenanceChange> NextAsync() => LiveClient.NextAsync(changes, _ => true, TimeSpan.FromSeconds(60));

        void Drain()
        {
            while (changes.Reader.TryRead(out var change))
            {
                seen.Add(change);
            }
        }
    }
}
