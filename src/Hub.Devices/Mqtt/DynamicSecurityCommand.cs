using System.Text.Json.Nodes;

namespace Hub.Devices.Mqtt;

/// <summary>
/// One command for mosquitto's dynamic-security plugin, with the errors that mean "already as wanted", so setting
/// something up twice is harmless.
/// </summary>
internal sealed record DynamicSecurityCommand(JsonObject Body, DynamicSecurityTolerance Tolerate = DynamicSecurityTolerance.Nothing)
{
    public static DynamicSecurityCommand Create(string command, DynamicSecurityTolerance tolerate, params (string Name, JsonNode? Value)[] fields)
    {
        var body = new JsonObject { ["command"] = command };
        foreach (var (name, value) in fields)
        {
            body[name] = value;
        }

        return new DynamicSecurityCommand(body, tolerate);
    }

    public string Name => (string)Body["command"]!;

    public bool Accepts(string? error) => error is null || Tolerate switch
    {
        DynamicSecurityTolerance.Exists => error.Contains("already", StringComparison.OrdinalIgnoreCase),
        DynamicSecurityTolerance.Missing => error.Contains("not found", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };
}
