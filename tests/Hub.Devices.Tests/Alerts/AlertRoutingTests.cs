using Hub.Devices.Alerts;
using Hub.Devices.Alerts.Channels;

namespace Hub.Devices.Tests.Alerts;

public sealed class AlertRoutingTests
{
    private static readonly DateTimeOffset Night = new(2026, 11, 25, 23, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AChannelTakesItsSeverityAndAboveForPlugsWithItsTags()
    {
        var channel = new AlertChannel { Name = "garage", MinSeverity = AlertSeverity.Warning, Tags = ["garage"] };

        Assert.True(AlertRouting.Accepts(channel, Notice(AlertSeverity.Warning), ["Garage"], Noon));
        Assert.False(AlertRouting.Accepts(channel, Notice(AlertSeverity.Info), ["garage"], Noon));
        Assert.False(AlertRouting.Accepts(channel, Notice(AlertSeverity.Critical), ["kitchen"], Noon));
    }

    [Fact]
    public void QuietHoursAcrossMidnightLetOnlyCriticalAlertsThrough()
    {
        var channel = new AlertChannel
        {
            Name = "phone", QuietFrom = new TimeOnly(22, 0), QuietUntil = new TimeOnly(7, 0), TimeZone = "Etc/UTC",
        };

        Assert.False(AlertRouting.Accepts(channel, Notice(AlertSeverity.Warning), [], Night));
        Assert.True(AlertRouting.Accepts(channel, Notice(AlertSeverity.Critical), [], Night));
        Assert.True(AlertRouting.Accepts(channel, Notice(AlertSeverity.Warning), [], Noon));
    }

    private static AlertNotification Notice(AlertSeverity severity) => new(AlertNotice.Raised,
        new AlertView(1, "k", "Rule", severity, AlertState.Active, 1, null, "t", "c", 1, Noon, Noon, null, null, null), Noon);
}
