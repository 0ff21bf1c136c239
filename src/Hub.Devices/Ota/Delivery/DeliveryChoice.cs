using Hub.Devices.Fleet;
using Hub.Devices.Protocols;

namespace Hub.Devices.Ota.Delivery;

/// <summary>
/// Push or pull, per plug. Tasmota can only pull (<c>OtaUrl</c> + <c>Upgrade 1</c>); OpenBeken on Beken chips pulls with
/// <c>ota_http</c> by default, because its HTTP upload is the weaker path there; BL602 is pushed by default. Pull may be
/// forced on any OpenBeken-protocol plug: our firmware has <c>ota_http</c> on every chip.
/// </summary>
public static class DeliveryChoice
{
    public static bool IsBeken(string? chip) => chip?.StartsWith("BK72", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>The delivery the plug gets, or why it can get none.</summary>
    public static (OtaDelivery Delivery, string? Refusal) For(Plug plug, OtaDelivery requested)
    {
        if (plug.Protocol == PlugProtocolKind.Tasmota)
        {
            return requested == OtaDelivery.Push
                ? (OtaDelivery.Push, "Tasmota takes images only by pull (OtaUrl + Upgrade 1), not by push")
                : (OtaDelivery.Pull, null);
        }

        var delivery = requested switch
        {
            OtaDelivery.Auto => IsBeken(plug.Chip) ? OtaDelivery.Pull : OtaDelivery.Push,
            _ => requested,
        };
        return delivery == OtaDelivery.Push && PushTarget.Of(plug) is null
            ? (delivery, "no HTTP address known for the plug")
            : (delivery, null);
    }
}
