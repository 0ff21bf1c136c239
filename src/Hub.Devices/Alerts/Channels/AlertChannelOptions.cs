using System.ComponentModel.DataAnnotations;

namespace Hub.Devices.Alerts.Channels;

public sealed class AlertChannelOptions
{
    public const string Section = "Alerts:Channels";

    /// <summary>Webhook retries after the first attempt, with exponential back-off and jitter.</summary>
    [Range(1, 10)]
    public int WebhookRetries { get; set; } = 4;

    [Range(1, 60000)]
    public int WebhookRetryDelayMilliseconds { get; set; } = 2000;

    [Range(1, 300)]
    public int WebhookAttemptTimeoutSeconds { get; set; } = 10;

    [Range(1, 300)]
    public int SmtpTimeoutSeconds { get; set; } = 30;

    /// <summary>The MQTT channel's topic when a channel names none.</summary>
    [Required]
    public string DefaultMqttTopic { get; set; } = "hub/alerts";
}
