using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hub.Devices.Storage;

public static class HubDatabase
{
    /// <summary>
    /// Registers a module's DbContext on its own connection string (<c>ConnectionStrings:{name}</c>), falling back to
    /// the shared SQLite file, and migrates it at start. Every module calls this once for the context it owns.
    /// </summary>
    public static void AddModuleDatabase<TContext>(this IHostApplicationBuilder builder, string name)
        where TContext : DbContext
    {
        var configured = builder.Configuration.GetConnectionString(name);
        builder.Services.AddDbContext<TContext>((sp, options) =>
        {
            var data = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<DataOptions>>().Value;
            options.UseSqlite(
                string.IsNullOrWhiteSpace(configured) ? data.DefaultConnectionString : configured,
                sqlite => sqlite.MigrationsHistoryTable($"__EFMigrationsHistory_{name}"));
            options.AddInterceptors(sp.GetRequiredService<DbWriteLatencyInterceptor>(), new SqliteConnectionTuning());
        });
        builder.Services.AddSingleton<DatabaseMigrationState<TContext>>();
        builder.Services.AddHostedService<DatabaseMigrationWorker<TContext>>();
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseMigrationHealthCheck<TContext>>($"db-{name.ToLowerInvariant()}", tags: ["ready"]);
    }

    /// <summary>Registration shared by every module's database: data folder options and write metrics.</summary>
    public static void AddHubDataFolder(this IHostApplicationBuilder builder)
    {
        if (builder.Services.Any(d => d.ServiceType == typeof(DbWriteLatencyInterceptor)))
        {
            return;
        }

        Hosting.OptionsRegistration.AddValidatedOptions<DataOptions>(builder.Services, DataOptions.Section);
        builder.Services.AddSingleton<DbWriteLatencyInterceptor>();
    }
}
