using System.Globalization;
using System.Text.Json;
using Hub.Devices.Fleet.Events;

namespace Hub.Devices.Protocols;

/// <summary>Strict reading of the JSON plugs send: numbers must be numbers, and anything odd is bad input.</summary>
internal static class JsonPayload
{
    // Real payloads nest three levels at most; a deep document is an attack or garbage.
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 16 };

    public static JsonDocument Parse(ReadOnlySpan<byte> payload)
    {
        try
        {
            var reader = new Utf8JsonReader(payload, Options);
            var document = JsonDocument.ParseValue(ref reader);
            if (reader.Read())
            {
                document.Dispose();
                throw new BadPayloadException("payload has data after its JSON value");
            }

            return document;
        }
        catch (JsonException error)
        {
            throw new BadPayloadException($"payload is not JSON ({error.Message})");
        }
    }

    /// <summary>Parses an object payload and lets <paramref name="read"/> turn it into events.</summary>
    public static List<PlugEvent> Events(ReadOnlySpan<byte> payload, Action<JsonElement, List<PlugEvent>> read)
    {
        using var document = Parse(payload);
        var events = new List<PlugEvent>();
        read(RootObject(document), events);
        return events;
    }

    public static JsonElement RootObject(JsonDocument document) =>
        document.RootElement.ValueKind == JsonValueKind.Object
            ? document.RootElement
            : throw new BadPayloadException("payload is not a JSON object");

    public static JsonElement? Object(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.Object => value,
            JsonValueKind.Null => null,
            _ => throw new BadPayloadException($"'{name}' is not an object"),
        } : null;

    public static double? Number(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) ? NumberValue(value, name) : null;

    public static double? NumberValue(JsonElement value, string name) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetDouble(out var d) && double.IsFinite(d) => d,
        JsonValueKind.Null => null,
        _ => throw new BadPayloadException($"'{name}' is not a finite number"),
    };

    public static long? Integer(JsonElement parent, string name)
    {
        var number = Number(parent, name);
        return number switch
        {
            null => null,
            var d when d == Math.Floor(d.Value) && Math.Abs(d.Value) < 1e15 => (long)d.Value,
            _ => throw new BadPayloadException(
                string.Create(CultureInfo.InvariantCulture, $"'{name}' {number} is not an integer")),
        };
    }

    public static string? String(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null => null,
            _ => throw new BadPayloadException($"'{name}' is not a string"),
        } : null;
}
