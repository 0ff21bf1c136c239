using Hub.Devices.Mqtt;
using Microsoft.Extensions.Options;

namespace Hub.Api.Settings;

/// <summary>Read-only views of hub settings the dashboard shows (they change in configuration, not over the API).</summary>
public static class SettingsApi
{
    public static RouteGroupBuilder MapSettingsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/settings").WithTags("Settings");
        group.MapGet("/broker", (IOptions<MqttOptions> mqtt, IOptions<MqttBrokerOptions> broker, IOptions<BootstrapOptions> bootstrap) =>
        {
            var m = mqtt.Value;
            var b = broker.Value;
            var external = !string.IsNullOrEmpty(m.Host);
            return TypedResults.Ok(new BrokerSettingsView(b.Enabled, b.Enabled ? b.BindAddress : null, b.Enabled ? b.Port : null,
                external ? m.Host! : "embedded broker", external ? m.Port : b.Port, m.Username, m.UseTls,
                m.ResolveAccountStore(b).ToString(), bootstrap.Value.Enabled, bootstrap.Value.Username));
        });
        return group;
    }
}
