using System.ComponentModel.DataAnnotations;

namespace Hub.Api.Discovery;

/// <summary>An address scan: one address, a CIDR block or a start-end range, and the ports to try (80 when omitted).</summary>
public sealed record ScanRequest(
    [property: Required, StringLength(64)] string? Range,
    [property: MaxLength(64)] int[]? Ports = null);
