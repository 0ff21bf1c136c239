namespace Hub.Devices.Protocols;

/// <summary>One MQTT publish the hub sends to a plug.</summary>
public sealed record OutboundMessage(string Topic, string Payload, bool Retain = false);
