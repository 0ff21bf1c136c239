using System.Globalization;
using System.Net;
using Hub.Energy.Storage;
using Hub.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Api.Tests.Energy;

// GC.GetTotalMemory counts the whole process: parallel tests' allocations would be taken for the export's.
[Collection(RunsAlone.Name)]
public sealed class EnergyExportTests
{
    private const int MinutesInYear = 365 * 1440;

    [Fact]
    public async Task AYearOfMinutesExportsAsAStreamWithBoundedMemory()
    {
        await using var hub = new HubFactory(new Dictionary<string, string?> { ["Energy:TimeZone"] = "UTC" });
        using var client = await hub.CreateHubClientAsync();
        using var login = await client.LoginAsync(HubFactory.AdminUser, hub.AdminPassword);
        var end = TimeProvider.System.GetUtcNow();
        var firstMinute = (end.ToUnixTimeSeconds() / 60) - MinutesInYear;
        await SeedMinutesAsync(hub, plugId: 11, firstMinute);
        var from = DateTimeOffset.FromUnixTimeSeconds(firstMinute * 60).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var to = end.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var baseline = GC.GetTotalMemory(forceFullCollection: true);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/energy/plugs/11/export.csv?from={from}&to={to}&resolution=minute");
        using var response = await client.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        var buffer = new byte[256 * 1024];
        long lines = 0, bytes = 0, peak = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, TestContext.Current.CancellationToken)) > 0)
        {
            bytes += read;
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
            if (bytes % (8 * buffer.Length) < read)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
            }
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(MinutesInYear + 1, lines);
        Assert.True(bytes > 30_000_000, $"only {bytes} bytes");
        Assert.True(peak < bytes / 4, $"{peak} bytes stayed alive while streaming {bytes}");
    }

    private static async Task SeedMinutesAsync(HubFactory hub, long plugId, long firstMinute)
    {
        await using var scope = hub.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EnergyDb>();
        db.Plugs.Add(new EnergyPlug { PlugId = plugId, FirstSeenS = firstMinute * 60 });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        await using var connection = new SqliteConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var transaction = connection.BeginTransaction();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO "MinuteRollups" ("Key", "EnergyMwh", "Samples", "PowerSamples", "PowerSumDw", "MinPowerDw",
                "MaxPowerDw", "MinVoltageDv", "MaxVoltageDv", "MinCurrentMa", "MaxCurrentMa", "OnlineMinutes")
            VALUES ($key, 1250, 6, 6, 4500, 700, 800, 2290, 2310, 320, 350, 1)
            """;
        var key = insert.Parameters.Add("$key", SqliteType.Integer);
        for (var minute = firstMinute; minute < firstMinute + MinutesInYear; minute++)
        {
            key.Value = ReadingKey.For(plugId, minute);
            insert.ExecuteNonQuery();
        }

        await transaction.CommitAsync(TestContext.Current.CancellationToken);
    }
}
