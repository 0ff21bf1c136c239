using Hub.Devices.Fleet;
using Hub.Devices.Protocols;
using Hub.Testing;
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
}
