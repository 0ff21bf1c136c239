using Hub.Devices.Fleet;
using Hub.Devices.Protocols;
using Hub.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Api.Tests;

/// <summary>Plugs written straight into a hub's database, for tests about what the hub does with a plug's events.</summary>
internal static class StoredPlugs
{
    /// <summary>An adopted plug, in the database and in the directory the rules consult, without a plug process behind it.</summary>
    public static async Task<long> AddAdoptedAsync(HubFactory hub, string topic, params string[] tags)
    {
        await using var scope = hub.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        var plug = new Plug { Topic = topic, Status = PlugStatus.Adopted, Tags = [.. tags], FirstSeenAt = TimeProvider.System.GetUtcNow() };
        db.Plugs.Add(plug);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        hub.Services.GetRequiredService<PlugDirectory>().Set(new PlugEntry(plug.Id, topic, PlugProtocolKind.OpenBeken, PlugStatus.Adopted));
        return plug.Id;
    }

    /// <summary>
    /// Adopts a plug the hub discovered from a test that plays it over MQTT. Adoption proper changes the plug's broker
    /// account and restarts it; a scripted plug has neither, so the row and the directory are set directly.
    /// </summary>
    public static async Task<long> AdoptScriptedAsync(HubFactory hub, string topic)
    {
        var directory = hub.Services.GetRequiredService<PlugDirectory>();
        var entry = await Eventually.MatchAsync(() => Task.FromResult(directory.Find(topic)), p => p is not null, TimeSpan.FromSeconds(30));
        await using (var scope = hub.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DevicesDb>().Plugs.Where(p => p.Id == entry!.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PlugStatus.Adopted), TestContext.Current.CancellationToken);
        }

        directory.Set(entry! with { Status = PlugStatus.Adopted });
        return entry.Id;
    }
}
