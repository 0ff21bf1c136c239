using Hub.Devices.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hub.Devices.Mqtt;

internal static class BrokerAccountsRegistration
{
    /// <summary>The plug-account store chosen by <c>Mqtt:AccountStore</c>, and mosquitto's setup when that is dynamic security.</summary>
    public static IServiceCollection AddBrokerAccounts(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<MqttOptions>, AccountStoreValidation>();
        services.AddValidatedOptions<DynamicSecurityOptions>(DynamicSecurityOptions.Section);
        services.AddSingleton<EmbeddedBrokerAccounts>();
        services.AddSingleton<DynamicSecurityClient>();
        services.AddSingleton<MosquittoDynamicSecurity>();
        services.AddSingleton<IBrokerAccounts>(sp =>
            sp.GetRequiredService<IOptions<MqttOptions>>().Value.ResolveAccountStore(sp.GetRequiredService<IOptions<MqttBrokerOptions>>().Value) switch
            {
                BrokerAccountStore.MosquittoDynamicSecurity => sp.GetRequiredService<MosquittoDynamicSecurity>(),
                _ => sp.GetRequiredService<EmbeddedBrokerAccounts>(),
            });
        services.AddSingleton<DynamicSecuritySetupWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<DynamicSecuritySetupWorker>());
        services.AddHealthChecks().AddCheck<BrokerAccountsHealthCheck>("mqtt-accounts", tags: ["ready"]);
        return services;
    }
}
