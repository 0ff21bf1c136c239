using Microsoft.AspNetCore.SignalR;

namespace Hub.Api.Live;

/// <summary>
/// The dashboard's live channel. Every client gets fleet-wide changes; a plug page also joins its plug's group for
/// the detail that only it shows.
/// </summary>
public sealed class LiveHub : Hub<ILiveClient>
{
    public static string PlugGroup(long plugId) => $"plug-{plugId}";

    public Task WatchPlug(long plugId) => Groups.AddToGroupAsync(Context.ConnectionId, PlugGroup(plugId));

    public Task UnwatchPlug(long plugId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, PlugGroup(plugId));
}
