namespace Hub.Devices.Protocols.OpenBeken;

/// <summary>
/// The answer to <c>/cm?cmnd=</c> (the command's JSON, a bare value or echoed text) or to <c>POST /api/cmnd</c>
/// (<c>{"success":200,"msg":"OK","res":...}</c> or <c>{"error":501,...}</c>).
/// </summary>
internal sealed record OpenBekenCommandReply
{
    public required bool Success { get; init; }

    /// <summary>OpenBeken's result text from <c>/api/cmnd</c>: OK, Unknown command, Bad argument, ...</summary>
    public string? Message { get; init; }

    /// <summary>Relay states the reply names, by relay number from 1 (POWER is 1, POWERn is n).</summary>
    public IReadOnlyDictionary<int, bool> Relays { get; init; } = new Dictionary<int, bool>();

    public required string Body { get; init; }
}
