using System.Text.Json.Nodes;

namespace Hub.Devices.Mqtt;

/// <summary>The plugin's answer to one command: an error text, or the data a get command asked for.</summary>
internal sealed record DynamicSecurityReply(string? Error, JsonNode? Data);
