using Hub.Devices.Alerts.Rules;
using Hub.Devices.Fleet.Events;
using Hub.Devices.Hosting;
using Hub.Devices.Storage;
using Hub.Energy.Ingest;
using Hub.Energy.Queries;
using Hub.Energy.Rollups;
using Hub.Energy.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace Hub.Energy;

public static class EnergyModule
{
    /// <summary>
    /// Readings storage, ingest from the event bus, rollups and retention (as Quartz jobs), tariffs and queries. The
    /// host registers the Quartz hosted service once for every module; without it the jobs simply do not fire.
    /// </summary>
    public static IHostApplicationBuilder AddEnergy(this IHostApplicationBuilder builder)
    {
        builder.AddHubDataFolder();
        builder.AddModuleDatabase<EnergyDb>("Energy");
        builder.Services.AddValidatedOptions<EnergyOptions>(EnergyOptions.Section)
            .Validate(o => ZoneExists(o.TimeZone), "Energy:TimeZone: unknown time zone");
        // The devices module registers the bus too; the energy module alone (tests, tools) needs one as well.
        builder.Services.TryAddSingleton<PlugEventBus>();
        builder.Services.AddSingleton<IngestStats>();
        builder.Services.AddSingleton<PlugPowerLimits>();
        builder.Services.AddHostedService<IngestWorker>();
        builder.Services.AddSingleton<EnergyCalendar>();
        builder.Services.AddScoped<RollupService>();
        builder.Services.AddScoped<HourBlockPacker>();
        builder.Services.AddScoped<RetentionService>();
        builder.Services.AddScoped<EnergyQueries>();
        builder.Services.AddScoped<EnergyTotals>();
        // Replaces the devices module's empty default, whichever module registered first.
        builder.Services.RemoveAll<IDailyEnergy>();
        builder.Services.AddSingleton<IDailyEnergy, DailyEnergyReader>();
        builder.Services.AddQuartz(q =>
        {
            q.AddJob<RollupJob>(j => j.WithIdentity(RollupJob.Key));
            q.AddTrigger(t => t.ForJob(RollupJob.Key).StartNow()
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(1)).RepeatForever()));
            q.AddJob<RetentionJob>(j => j.WithIdentity(RetentionJob.Key));
            q.AddTrigger(t => t.ForJob(RetentionJob.Key).StartNow()
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromHours(1)).RepeatForever()));
        });
        return builder;
    }

    private static bool ZoneExists(string id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return true;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);
    }
}
