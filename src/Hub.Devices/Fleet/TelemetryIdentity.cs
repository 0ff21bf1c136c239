namespace Hub.Devices.Fleet;

/// <summary>Identity a plug reported about itself, waiting to be copied to its registry row.</summary>
internal sealed record TelemetryIdentity(string? Build, string? Ip, string? Mac, string? Chip, long? OtaPartitionBytes);
