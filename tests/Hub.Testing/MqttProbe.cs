using System.Collections.Concurrent;
using MQTTnet;

namespace Hub.Testing;

/// <summary>A real MQTT client for tests: records what arrives and waits, with a deadline, for a matching message.</summary>
public sealed class MqttProbe : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly ConcurrentQueue<(string Topic, string Payload)> _messages = new();
    private readonly List<(Func<string, string, bool> Match, TaskCompletionSource<(string, string)> Done)> _waiters = [];

    private MqttProbe(IMqttClient client)
    {
        _client = client;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            var message = (e.ApplicationMessage.Topic, e.ApplicationMessage.ConvertPayloadToString() ?? "");
            _messages.Enqueue(message);
            lock (_waiters)
            {
                foreach (var waiter in _waiters.Where(w => w.Match(message.Topic, message.Item2)).ToList())
                {
                    waiter.Done.TrySetResult(message);
                    _waiters.Remove(waiter);
                }
            }

            return Task.CompletedTask;
        };
    }

    public IReadOnlyCollection<(string Topic, string Payload)> Messages => _messages;

    public IMqttClient Client => _client;

    public static async Task<MqttProbe> ConnectAsync(int port, string user, string password, params string[] filters)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var probe = new MqttProbe(client);
        await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithCredentials(user, password)
            .WithClientId("probe-" + Guid.NewGuid().ToString("N")[..8])
            .Build());
        foreach (var filter in filters)
        {
            await client.SubscribeAsync(filter);
        }

        return probe;
    }

    /// <summary>The first message (already received or still to come) that matches, or a timeout.</summary>
    public Task<(string Topic, string Payload)> WaitForAsync(Func<string, string, bool> match, TimeSpan timeout)
    {
        var done = new TaskCompletionSource<(string, string)>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            var seen = _messages.FirstOrDefault(m => match(m.Topic, m.Payload));
            if (seen.Topic is not null)
            {
                return Task.FromResult(seen);
            }

            _waiters.Add((match, done));
        }

        return done.Task.WaitAsync(timeout);
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }
}
