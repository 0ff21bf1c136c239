namespace Hub.Devices.Watchdog;

public enum ProbeKind
{
    /// <summary>ICMP echo to the host.</summary>
    Ping,

    /// <summary>A TCP connection to host:port that is accepted in time.</summary>
    Tcp,

    /// <summary>An HTTP GET that answers with the expected status.</summary>
    Http,

    /// <summary>The plug's last MQTT message is younger than the probe's maximum age (plugs only; no traffic is sent).</summary>
    Mqtt,
}
