using System.ComponentModel.DataAnnotations;

namespace Hub.Api.Energy;

/// <summary>A plug's maximum power for the glitch rule; null goes back to the configured <c>Energy:MaxPowerW</c>.</summary>
public sealed record PlugMaxPowerRequest([property: Range(1, 100_000)] double? MaxPowerW);
