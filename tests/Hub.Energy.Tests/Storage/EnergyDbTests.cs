using Hub.Devices.Storage;
using Hub.Energy.Storage;
using Hub.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hub.Energy.Tests.Storage;

public sealed class EnergyDbTests
{
    [Fact]
    public async Task TheEnergyStoreIsMigratedIntoAWalModeFileAndKeepsReadings()
    {
        using var folder = new TempFolder("energy");
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Energy"] = $"Data Source={folder.Combine("energy.db")}",
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddEnergy();
        using var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        await host.Services.GetRequiredService<DatabaseMigrationState<EnergyDb>>().Migrated
            .WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        using (var scope = host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EnergyDb>();
            db.Readings.Add(new Reading { Key = ReadingKey.For(1, 1_700_000_000), PowerDw = 615, CounterMwh = 1_234_500 });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        using var check = host.Services.CreateScope();
        var reader = check.ServiceProvider.GetRequiredService<EnergyDb>();
        var stored = await reader.Readings.SingleAsync(TestContext.Current.CancellationToken);
        var mode = await ProviderSpecifics.JournalModeAsync(reader, TestContext.Current.CancellationToken);
        await host.StopAsync(TestContext.Current.CancellationToken);

        Assert.Equal("wal", mode);
        Assert.True(File.Exists(folder.Combine("energy.db")));
        Assert.Equal(615, stored.PowerDw);
        Assert.Equal(1_234_500, stored.CounterMwh);
    }
}
