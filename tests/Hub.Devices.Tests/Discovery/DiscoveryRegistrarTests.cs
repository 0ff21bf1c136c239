using System.Data.Common;
using Hub.Devices.Discovery;
using Hub.Devices.Fleet;
using Hub.Devices.Protocols;
using Hub.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Devices.Tests.Discovery;

public sealed class DiscoveryRegistrarTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ABatchThatCollidesWithARegistrationMadeMeanwhileIsRecordedOneByOneOnTheOtherRow()
    {
        var racer = new RegisterAfterRead("obk_raced");
        await using var host = await DevicesHost.StartAsync(services: s =>
            s.ConfigureDbContext<DevicesDb>((_, options) => options.AddInterceptors(racer)));
        racer.Scopes = host.Services.GetRequiredService<IServiceScopeFactory>();
        var registrar = host.Services.GetRequiredService<DiscoveryRegistrar>();
        await host.Services.GetRequiredService<PlugDirectory>().Loaded.WaitAsync(Ct);

        racer.Armed = true;
        var found = await registrar.RecordManyAsync(
            [Identity("obk_raced", "84:E3:42:00:00:01", 41001), Identity("obk_calm", "84:E3:42:00:00:02", 41002)], "scan", Ct);

        await using var scope = host.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<DevicesDb>().Plugs.AsNoTracking().OrderBy(p => p.Topic).ToListAsync(Ct);
        Assert.Equal(1, racer.Registered);
        Assert.Equal(["obk_calm", "obk_raced"], rows.Select(r => r.Topic));
        // The one-by-one pass reads the row the other registration committed, so it updates a known plug.
        Assert.Equal([DiscoveryChange.Updated, DiscoveryChange.New], found.Select(f => f.Change));
        var raced = rows.Single(r => r.Topic == "obk_raced");
        Assert.Equal((raced.Id, "84:E3:42:00:00:01", "http://127.0.0.1:41001"), (found[0].PlugId!.Value, raced.Mac, raced.HttpEndpoint));
        Assert.Equal("84:E3:42:00:00:02", rows.Single(r => r.Topic == "obk_calm").Mac);
    }

    private static PlugIdentity Identity(string topic, string mac, int port) => new()
    {
        Protocol = PlugProtocolKind.OpenBeken, HttpEndpoint = $"http://127.0.0.1:{port}", Topic = topic, Mac = mac,
    };

    /// <summary>
    /// Plays the MQTT registration that lands between the batch's read and its write: once armed, right after a query that
    /// looks for <c>topic</c>, it commits a pending row for it from another context.
    /// </summary>
    private sealed class RegisterAfterRead(string topic) : DbCommandInterceptor
    {
        public IServiceScopeFactory? Scopes { get; set; }

        public volatile bool Armed;

        public int Registered;

        public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData,
            DbDataReader result, CancellationToken cancellationToken = default)
        {
            var looksForTopic = command.CommandText.Contains("FROM \"Plugs\"", StringComparison.Ordinal)
                && command.Parameters.Cast<DbParameter>().Any(p => p.Value is string s && s.Contains(topic, StringComparison.Ordinal));
            if (looksForTopic && Armed && Scopes is not null)
            {
                Armed = false;
                await using var scope = Scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
                db.Plugs.Add(new Plug
                {
                    Topic = topic, Protocol = PlugProtocolKind.OpenBeken, Status = PlugStatus.Pending, FirstSeenAt = TimeProvider.System.GetUtcNow(),
                });
                await db.SaveChangesAsync(cancellationToken);
                Interlocked.Increment(ref Registered);
            }

            return result;
        }
    }
}
