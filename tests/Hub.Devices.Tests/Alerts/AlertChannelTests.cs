using Hub.Devices.Alerts;
using Hub.Devices.Alerts.Channels;
using Hub.Devices.Fleet;
using Hub.Devices.Mqtt;
using Hub.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Devices.Tests.Alerts;

public sealed class AlertChannelTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task AWebhookIsSignedAndRetriedUntilTheReceiverTakesIt()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 2);
        await using var devices = await DevicesHost.StartAsync(new Dictionary<string, string?>
        {
            ["Alerts:Channels:WebhookRetryDelayMilliseconds"] = "50",
        });
        var channel = await AddChannelAsync(devices, new AlertChannel
        {
            Name = "hook", Kind = AlertChannelKind.Webhook, Url = receiver.Url.ToString(), Secret = "s3cret",
        });

        var result = await devices.Services.GetRequiredService<AlertDispatcher>()
            .TestAsync(channel.Id, "alice", TestContext.Current.CancellationToken);

        Assert.Equal(new ChannelTestResult(true, null), result);
        var delivered = await receiver.NextAsync(_ => true, Deadline);
        Assert.Equal(3, receiver.Attempts);
        Assert.True(WebhookSignature.Verify("s3cret", delivered.Body, delivered.Signature));
        Assert.False(WebhookSignature.Verify("other", delivered.Body, delivered.Signature));
        Assert.Equal("Test", delivered.Json.GetProperty("notice").GetString());
    }

    [Fact]
    public async Task AnEmailIsSentWithTheConfiguredLoginAndARaisedAlertIsRoutedToIt()
    {
        await using var smtp = SmtpSink.Start("hub", "mail-pass");
        await using var devices = await DevicesHost.StartAsync();
        var channel = await AddChannelAsync(devices, new AlertChannel
        {
            Name = "mail", Kind = AlertChannelKind.Email, SmtpHost = "127.0.0.1", SmtpPort = smtp.Port,
            SmtpSecurity = SmtpSecurity.None, SmtpUser = "hub", SmtpPassword = "mail-pass", MailFrom = "hub@example.org",
            MailTo = "owner@example.org, second@example.org", MinSeverity = AlertSeverity.Critical,
        });

        var test = await devices.Services.GetRequiredService<AlertDispatcher>()
            .TestAsync(channel.Id, "alice", TestContext.Current.CancellationToken);
        await devices.Services.GetRequiredService<AlertCenter>().RaiseAsync(new AlertRaise("reboot-loop:7", "RebootLoop",
            AlertSeverity.Critical, 7, "obk_000007 is in a reboot loop", "4 reboots within 30 min"), TestContext.Current.CancellationToken);

        Assert.True(test!.Delivered, test.Error);
        Assert.Contains("Subject: [test]", await smtp.NextAsync(_ => true, Deadline), StringComparison.Ordinal);
        var raised = await smtp.NextAsync(m => m.Contains("reboot loop", StringComparison.Ordinal), Deadline);
        Assert.Contains("Subject: [critical] obk_000007 is in a reboot loop", raised, StringComparison.Ordinal);
        Assert.Contains("second@example.org", raised, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheMqttChannelPublishesOnTheHubAlertTopic()
    {
        await using var devices = await DevicesHost.StartAsync();
        var credentials = devices.Services.GetRequiredService<HubMqttCredentials>();
        await devices.Services.GetRequiredService<MqttLink>().Connected.WaitAsync(Deadline, TestContext.Current.CancellationToken);
        await using var listener = await MqttProbe.ConnectAsync(devices.BrokerPort, credentials.Username, credentials.Password, "hub/alerts");
        var channel = await AddChannelAsync(devices, new AlertChannel { Name = "mqtt", Kind = AlertChannelKind.Mqtt });

        var result = await devices.Services.GetRequiredService<AlertDispatcher>()
            .TestAsync(channel.Id, "alice", TestContext.Current.CancellationToken);
        var (_, payload) = await listener.WaitForAsync((topic, _) => topic == "hub/alerts", Deadline);

        Assert.True(result!.Delivered);
        Assert.Contains("\"notice\":\"Test\"", payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailedTestNamesTheErrorWithoutTheSecret()
    {
        await using var devices = await DevicesHost.StartAsync();
        var channel = await AddChannelAsync(devices, new AlertChannel
        {
            Name = "mail", Kind = AlertChannelKind.Email, SmtpHost = "127.0.0.1", SmtpPort = FreePort.Next(),
            SmtpSecurity = SmtpSecurity.None, SmtpUser = "hub", SmtpPassword = "never-shown", MailFrom = "hub@example.org",
            MailTo = "owner@example.org",
        });

        var result = await devices.Services.GetRequiredService<AlertDispatcher>()
            .TestAsync(channel.Id, "alice", TestContext.Current.CancellationToken);

        Assert.False(result!.Delivered);
        Assert.DoesNotContain("never-shown", result.Error, StringComparison.Ordinal);
    }

    private static async Task<AlertChannel> AddChannelAsync(DevicesHost devices, AlertChannel channel)
    {
        using var scope = devices.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DevicesDb>();
        db.AlertChannels.Add(channel);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        devices.Services.GetRequiredService<AlertDispatcher>().Reload();
        return channel;
    }
}
