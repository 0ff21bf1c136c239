namespace Hub.Devices.Protocols;

/// <summary>
/// Thrown deep inside a parser and caught at its entry, where it becomes a <see cref="Fleet.Events.MalformedInput"/>;
/// it never leaves a protocol.
/// </summary>
internal sealed class BadPayloadException(string reason) : Exception(reason);
