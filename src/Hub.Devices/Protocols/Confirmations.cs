using System.Text.Json;
using Hub.Devices.Commands;
using Hub.Devices.Fleet.Events;

namespace Hub.Devices.Protocols;

/// <summary>
/// When an event confirms a command. Both firmwares answer alike once their events are normalised; what differs (the
/// restart acknowledgement only Tasmota sends) its protocol adds. The caller matches the plug; this matches the rest.
/// </summary>
internal static class Confirmations
{
    public static bool Confirms(PlugCommand command, PlugEvent evt) => (command, evt) switch
    {
        (SetRelay set, RelayReported relay) =>
            relay.Channel == set.Channel && (set.Action == RelayAction.Toggle || relay.On == (set.Action == RelayAction.On)),

        // A restarting plug drops off (its will says offline), comes back online and reports its boot.
        (RestartPlug, AvailabilityChanged or BootReported) => true,

        // The plug proves the new account works by coming online through it.
        (SetBrokerCredentials, AvailabilityChanged { Online: true }) => true,

        (RequestState, RelayReported or TelemetryReported) => true,

        (ConsoleCommand console, CommandResultReported result) => AnswersTo(console.Name, result.Payload),
        _ => false,
    };

    /// <summary>Whether a JSON reply has a top-level key starting with the command name (POWER2, StatusSNS, TelePeriod).</summary>
    public static bool AnswersTo(string commandName, string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.ValueKind == JsonValueKind.Object &&
                document.RootElement.EnumerateObject()
                    .Any(p => p.Name.StartsWith(commandName, StringComparison.OrdinalIgnoreCase));
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
