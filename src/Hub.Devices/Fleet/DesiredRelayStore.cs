using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Devices.Fleet;

/// <summary>Reads and writes what owners want their relays to be.</summary>
public sealed class DesiredRelayStore(IServiceScopeFactory scopes)
{
    public async Task<List<DesiredRelay>> ForPlugAsync(long plugId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        return await db.DesiredRelays.AsNoTracking().Where(d => d.PlugId == plugId).OrderBy(d => d.Channel).ToListAsync(ct);
    }

    public async Task SetModeAsync(long plugId, int channel, DesiredRelayMode mode, CancellationToken ct)
    {
        await UpdateAsync(plugId, channel, d => d.Mode = mode, ct);
    }

    /// <summary>Remembers the last state someone commanded, which <see cref="DesiredRelayMode.LastCommanded"/> restores.</summary>
    public async Task RecordCommandedAsync(long plugId, int channel, bool on, CancellationToken ct)
    {
        await UpdateAsync(plugId, channel, d => d.LastCommandedOn = on, ct);
    }

    private async Task UpdateAsync(long plugId, int channel, Action<DesiredRelay> change, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        var row = await db.DesiredRelays.FindAsync([plugId, channel], ct);
        if (row is null)
        {
            row = new DesiredRelay { PlugId = plugId, Channel = channel, Mode = DesiredRelayMode.NotManaged };
            db.DesiredRelays.Add(row);
        }

        change(row);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The state to restore, or null when the channel is not managed or nothing was commanded yet.</summary>
    public static bool? Target(DesiredRelay desired) => desired.Mode switch
    {
        DesiredRelayMode.On => true,
        DesiredRelayMode.Off => false,
        DesiredRelayMode.LastCommanded => desired.LastCommandedOn,
        _ => null,
    };
}
