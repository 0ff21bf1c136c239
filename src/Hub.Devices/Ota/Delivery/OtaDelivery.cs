namespace Hub.Devices.Ota.Delivery;

/// <summary>How an image reaches a plug: the hub sends it (push) or the plug downloads it from the hub (pull).</summary>
public enum OtaDelivery
{
    /// <summary>Per plug: Tasmota and OpenBeken on Beken chips pull, everything else is pushed.</summary>
    Auto,

    /// <summary><c>POST /api/ota</c> to the plug's web server.</summary>
    Push,

    /// <summary>Tasmota <c>OtaUrl</c> + <c>Upgrade 1</c>, OpenBeken and our firmware <c>ota_http</c>.</summary>
    Pull,
}
