using Hub.Devices.Alerts.Channels;
using Hub.Devices.Alerts.Rules;
using Hub.Devices.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Hub.Devices.Alerts;

public static class AlertsModule
{
    public static IHostApplicationBuilder AddAlerts(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<AlertOptions>(AlertOptions.Section);
        services.AddValidatedOptions<AlertChannelOptions>(AlertChannelOptions.Section);
        services.AddSingleton<AlertCenter>();
        services.AddSingleton<PlugLimitsRegistry>();
        // The energy module fills this seam when it is present; alone, the devices module has no energy to budget.
        services.TryAddSingleton<IDailyEnergy, NoDailyEnergy>();
        services.AddSingleton<EnergyBudgetRule>();
        services.AddHostedService<AlertRuleWorker>();
        services.AddSingleton<IAlertSender, WebhookSender>();
        services.AddSingleton<IAlertSender, MqttAlertSender>();
        services.AddSingleton<IAlertSender, EmailSender>();
        services.AddSingleton<AlertDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertDispatcher>());
        services.AddHttpClient(WebhookSender.HttpClientName)
            .AddResilienceHandler("alert-webhook", (pipeline, context) =>
            {
                var o = context.ServiceProvider.GetRequiredService<IOptions<AlertChannelOptions>>().Value;
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = o.WebhookRetries,
                    Delay = TimeSpan.FromMilliseconds(o.WebhookRetryDelayMilliseconds),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                });
                pipeline.AddTimeout(TimeSpan.FromSeconds(o.WebhookAttemptTimeoutSeconds));
            });
        return builder;
    }
}
