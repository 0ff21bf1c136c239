using Hub.Devices.Fleet.Events;

namespace Hub.Devices.Commands;

/// <summary>How a command ended; the API turns each kind into its status code.</summary>
public sealed record CommandOutcome(CommandOutcomeKind Kind, PlugEvent? Confirmation = null)
{
    public static CommandOutcome Of(CommandOutcomeKind kind) => new(kind);
}
