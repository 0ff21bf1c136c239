using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Hub.Devices.Fleet;

/// <summary>Stores relay states as a small JSON object, the same text on every database provider.</summary>
internal static class RelayStatesColumn
{
    public static readonly ValueConverter<Dictionary<int, bool>, string> Converter = new(
        relays => JsonSerializer.Serialize(relays, JsonSerializerOptions.Default),
        json => JsonSerializer.Deserialize<Dictionary<int, bool>>(json, JsonSerializerOptions.Default) ?? new Dictionary<int, bool>());

    public static readonly ValueComparer<Dictionary<int, bool>> Comparer = new(
        (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
        relays => relays.Aggregate(0, (hash, kv) => HashCode.Combine(hash, kv.Key, kv.Value)),
        relays => new Dictionary<int, bool>(relays));
}
