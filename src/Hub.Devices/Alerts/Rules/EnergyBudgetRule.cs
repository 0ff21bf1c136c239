using System.Globalization;
using Hub.Devices.Fleet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hub.Devices.Alerts.Rules;

/// <summary>
/// Daily energy above a budget, per plug (its own budget, else the default) and per tag (the sum of the tagged plugs).
/// Reads today's totals through <see cref="IDailyEnergy"/> every <see cref="AlertOptions.EnergyBudgetCheckSeconds"/>;
/// when the owner's day turns, the new day's totals start from zero and yesterday's alerts clear by themselves.
/// </summary>
internal sealed class EnergyBudgetRule(
    IDailyEnergy energy,
    PlugLimitsRegistry limits,
    AlertCenter alerts,
    IServiceScopeFactory scopes,
    IOptionsMonitor<AlertOptions> options)
{
    private readonly HashSet<string> _tagKeys = new(StringComparer.Ordinal);
    private DateTimeOffset? _lastCheck;

    public async Task OnTickAsync(DateTimeOffset now, CancellationToken ct)
    {
        var o = options.CurrentValue;
        if (_lastCheck is { } last && now >= last && now - last < TimeSpan.FromSeconds(o.EnergyBudgetCheckSeconds))
        {
            return;
        }

        _lastCheck = now;
        if (await energy.TodayAsync(ct) is not { } today)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var plugs = await scope.ServiceProvider.GetRequiredService<DevicesDb>().Plugs.AsNoTracking()
            .Where(p => p.Status == PlugStatus.Adopted)
            .Select(p => new { p.Id, Label = p.Name ?? p.Topic, p.Tags })
            .ToListAsync(ct);

        foreach (var plug in plugs)
        {
            var key = $"energy-budget:{plug.Id}";
            var used = today.KwhByPlug.GetValueOrDefault(plug.Id);
            if (limits.DailyEnergyBudgetKwh(plug.Id) is { } budget && used > budget)
            {
                await alerts.HoldsAsync(Raise(key, plug.Id, plug.Label, used, budget, today), ct);
            }
            else
            {
                alerts.Clear(key);
            }
        }

        var stale = new HashSet<string>(_tagKeys, StringComparer.Ordinal);
        foreach (var (tag, budget) in o.TagEnergyBudgetsKwh)
        {
            var key = $"energy-budget:tag:{tag}";
            stale.Remove(key);
            var used = plugs.Where(p => p.Tags.Contains(tag)).Sum(p => today.KwhByPlug.GetValueOrDefault(p.Id));
            if (used > budget)
            {
                _tagKeys.Add(key);
                await alerts.HoldsAsync(Raise(key, null, $"Plugs tagged '{tag}'", used, budget, today), ct);
            }
            else
            {
                alerts.Clear(key);
            }
        }

        // A tag budget taken out of the settings must not leave its alert open for ever.
        foreach (var key in stale)
        {
            alerts.Clear(key);
            _tagKeys.Remove(key);
        }
    }

    private static AlertRaise Raise(string key, long? plugId, string label, double used, double budget, DailyEnergy today) =>
        new(key, "EnergyBudget", AlertSeverity.Warning, plugId,
            string.Create(CultureInfo.InvariantCulture, $"{label} used more than {budget:0.###} kWh today"),
            string.Create(CultureInfo.InvariantCulture,
                $"{used:0.###} kWh on {today.Day:yyyy-MM-dd} ({today.TimeZone}), budget {budget:0.###} kWh"));
}
