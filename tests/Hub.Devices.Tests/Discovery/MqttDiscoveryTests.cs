using Hub.Devices.Discovery;
using Hub.Devices.Fleet;
using Hub.Devices.Fleet.Events;
using Hub.Devices.Mqtt;
using Hub.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Protocol;

namespace Hub.Devices.Tests.Discovery;

public sealed class MqttDiscoveryTests
{
    private const int NewPlugs = 20;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task EventsOfNewPlugsWaitForTheirRegistrationAndKeepTheirOrderAndTheirPlug()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var devices = await DevicesHost.StartAsync();
        var bus = devices.Services.GetRequiredService<PlugEventBus>();
        var events = bus.Subscribe("test", 100_000, BusBackPressure.Wait);
        var directory = devices.Services.GetRequiredService<PlugDirectory>();
        var discovery = devices.Services.GetRequiredService<MqttDiscovery>();
        var hub = devices.Services.GetRequiredService<HubMqttCredentials>();
        await devices.Services.GetRequiredService<MqttLink>().Connected.WaitAsync(Deadline, ct);
        await using var player = await MqttProbe.ConnectAsync(devices.BrokerPort, hub.Username, hub.Password);
        await PublishAsync(player, "tele/tasmota_MARKER/LWT", "Online");
        var marker = await Eventually.MatchAsync(() => Task.FromResult(directory.Find("tasmota_MARKER")), p => p is not null, Deadline);

        var topics = Enumerable.Range(0, NewPlugs).Select(i => $"tasmota_{i:X6}").ToList();
        var seen = new List<PlugEvent>();
        // Not pooled: the hub's connections share this connection string, and none of them may inherit the lock.
        await using (var writeLock = new SqliteConnection($"Data Source={Path.Combine(devices.DataDirectory, "hub.db")};Pooling=False"))
        {
            // Holding the database's write lock keeps every registration from committing while the plugs talk on.
            await writeLock.OpenAsync(ct);
            using var hold = writeLock.BeginTransaction(deferred: false);

            foreach (var (suffix, payload) in Script)
            {
                foreach (var topic in topics)
                {
                    await PublishAsync(player, string.Format(System.Globalization.CultureInfo.InvariantCulture, suffix, topic), payload);
                }
            }

            // The link handles one message at a time: once the marker's relay arrives, every plug message before it was handled.
            await PublishAsync(player, "stat/tasmota_MARKER/RESULT", """{"POWER":"ON"}""");
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(Deadline);
            while (seen.LastOrDefault() is not RelayReported { Topic: "tasmota_MARKER" })
            {
                seen.Add(await events.ReadAsync(deadline.Token));
            }

            Assert.DoesNotContain(seen, e => topics.Contains(e.Topic));
            Assert.Equal(NewPlugs, discovery.Waiting);
            hold.Rollback();
        }

        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            deadline.CancelAfter(Deadline);
            while (seen.Count(e => topics.Contains(e.Topic) && e is AvailabilityChanged or RelayReported) < NewPlugs * Script.Length)
            {
                seen.Add(await events.ReadAsync(deadline.Token));
            }
        }

        foreach (var topic in topics)
        {
            var id = directory.Find(topic)!.Id;
            var own = seen.Where(e => e.Topic == topic).ToList();
            Assert.NotEqual(marker!.Id, id);
            Assert.All(own, e => Assert.Equal(id, e.PlugId));
            Assert.Equal(["online", "on", "off", "on"], own.Where(e => e is AvailabilityChanged or RelayReported).Select(Describe));
        }

        await using var scope = devices.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        var rows = await db.Plugs.AsNoTracking().Where(p => topics.Contains(p.Topic)).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        Assert.Equal(NewPlugs, rows.Count);
        Assert.Equal(NewPlugs, await db.PlugHistory.CountAsync(h => ids.Contains(h.PlugId) && h.Kind == PlugHistoryKind.Discovered, ct));
        // The first plug's commit was held; all the others queued meanwhile and went in the next transaction together.
        Assert.InRange(rows.Select(r => r.FirstSeenAt).Distinct().Count(), 1, 2);
    }

    private static readonly (string Topic, string Payload)[] Script =
    [
        ("tele/{0}/LWT", "Online"),
        ("stat/{0}/RESULT", """{"POWER":"ON"}"""),
        ("stat/{0}/RESULT", """{"POWER":"OFF"}"""),
        ("stat/{0}/RESULT", """{"POWER":"ON"}"""),
    ];

    private static string Describe(PlugEvent evt) => evt switch
    {
        AvailabilityChanged a => a.Online ? "online" : "offline",
        RelayReported r => r.On ? "on" : "off",
        _ => evt.GetType().Name,
    };

    private static async Task PublishAsync(MqttProbe player, string topic, string payload) =>
        await player.Client.PublishStringAsync(topic, payload, MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken: TestContext.Current.CancellationToken);
}
