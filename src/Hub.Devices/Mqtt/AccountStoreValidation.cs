using Microsoft.Extensions.Options;

namespace Hub.Devices.Mqtt;

/// <summary>Refuses account stores that no broker would read: plug accounts there would lock every adopted plug out.</summary>
internal sealed class AccountStoreValidation(IOptions<MqttBrokerOptions> broker) : IValidateOptions<MqttOptions>
{
    public ValidateOptionsResult Validate(string? name, MqttOptions options) =>
        (options.ResolveAccountStore(broker.Value), broker.Value.Enabled) switch
        {
            (BrokerAccountStore.MosquittoDynamicSecurity, true) => ValidateOptionsResult.Fail(
                "Mqtt:AccountStore: MosquittoDynamicSecurity needs an external mosquitto; set Mqtt:Broker:Enabled=false and Mqtt:Host."),
            (BrokerAccountStore.Embedded, false) => ValidateOptionsResult.Fail(
                "Mqtt:AccountStore: Embedded only serves the embedded broker; with Mqtt:Broker:Enabled=false use MosquittoDynamicSecurity."),
            _ => ValidateOptionsResult.Success,
        };
}
