using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Hub.Devices.Fleet.Events;

namespace Hub.Devices.Tests.EndToEnd;

/// <summary>
/// A device behind a plug (a router, say): a TCP listener on 127.0.0.1 that answers only while the plug's relay is
/// on. It can hang (stop answering with power on); a power cycle brings it back, unless it is broken for good.
/// </summary>
internal sealed class RelayPoweredDevice : IAsyncDisposable
{
    private readonly long _plugId;
    private readonly bool _comesBack;
    private readonly ChannelReader<PlugEvent> _events;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watching;
    private readonly Lock _gate = new();
    private TcpListener? _listener;
    private bool _powered;
    private bool _bootedOnce;

    public RelayPoweredDevice(PlugEventBus bus, long plugId, bool comesBack)
    {
        _plugId = plugId;
        _comesBack = comesBack;
        Port = Hub.Testing.FreePort.Next();
        _events = bus.Subscribe($"device-{Port}", 1000, BusBackPressure.DropOldest);
        _watching = WatchRelayAsync();
    }

    public int Port { get; }

    public bool Answering
    {
        get
        {
            lock (_gate)
            {
                return _listener is not null;
            }
        }
    }

    public int Boots { get; private set; }

    /// <summary>
    /// The device stops answering while it still has power, once it has taken the power the test switched on: the
    /// relay event reaches this device on its own channel, and a hang before it would be undone by the late boot.
    /// </summary>
    public async Task HangAsync()
    {
        await Hub.Testing.Eventually.MatchAsync(() => Task.FromResult(Answering), answering => answering, TimeSpan.FromSeconds(30));
        StopListening();
    }

    private async Task WatchRelayAsync()
    {
        try
        {
            await foreach (var evt in _events.ReadAllAsync(_stop.Token))
            {
                if (evt is not RelayReported { Channel: 1 } relay || evt.PlugId != _plugId || relay.On == _powered)
                {
                    continue;
                }

                _powered = relay.On;
                if (!relay.On)
                {
                    StopListening();
                }
                else if (_comesBack || !_bootedOnce)
                {
                    _bootedOnce = true;
                    Boots++;
                    StartListening();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private void StartListening()
    {
        lock (_gate)
        {
            var listener = new TcpListener(IPAddress.Loopback, Port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            _listener = listener;
            _ = AcceptAsync(listener);
        }
    }

    private void StopListening()
    {
        lock (_gate)
        {
            _listener?.Stop();
            _listener = null;
        }
    }

    private static async Task AcceptAsync(TcpListener listener)
    {
        try
        {
            while (true)
            {
                using var client = await listener.AcceptTcpClientAsync();
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // Stopped listening.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching;
        StopListening();
        _stop.Dispose();
    }
}
