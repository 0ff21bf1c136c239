using System.ComponentModel.DataAnnotations;

namespace Hub.Devices.Protocols.Tasmota;

/// <summary>How the installation's Tasmota plugs build their topics (Tasmota's FullTopic and Prefix1..3 settings).</summary>
public sealed class TasmotaOptions : IValidatableObject
{
    public const string Section = "Protocols:Tasmota";

    private const string Level = "^[^/+#%\\s]{1,32}$";
    private const string LevelMessage = "must be one topic level without wildcards, '%' or spaces";

    /// <summary>
    /// Levels made of <c>%prefix%</c>, <c>%topic%</c> and fixed words, e.g. <c>%topic%/%prefix%/</c> or
    /// <c>home/%prefix%/%topic%/</c>. <c>%hostname%</c> and <c>%id%</c> are refused: the hub could not address commands.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    public string FullTopic { get; set; } = "%prefix%/%topic%/";

    [Required(AllowEmptyStrings = false)]
    [RegularExpression(Level, ErrorMessage = LevelMessage)]
    public string CommandPrefix { get; set; } = "cmnd";

    [Required(AllowEmptyStrings = false)]
    [RegularExpression(Level, ErrorMessage = LevelMessage)]
    public string StatusPrefix { get; set; } = "stat";

    [Required(AllowEmptyStrings = false)]
    [RegularExpression(Level, ErrorMessage = LevelMessage)]
    public string TelemetryPrefix { get; set; } = "tele";

    /// <summary>Where Tasmota 9.2+ publishes its native discovery (<c>&lt;prefix&gt;/&lt;MAC&gt;/config</c>).</summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression("^[^+#%\\s]+$", ErrorMessage = "must be a topic without wildcards")]
    public string DiscoveryPrefix { get; set; } = "tasmota/discovery";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TasmotaTopicPattern.Check(FullTopic) is { } error)
        {
            yield return new ValidationResult(error, [nameof(FullTopic)]);
        }

        if (new[] { CommandPrefix, StatusPrefix, TelemetryPrefix }.Distinct(StringComparer.Ordinal).Count() != 3)
        {
            yield return new ValidationResult("the three prefixes must differ", [nameof(CommandPrefix)]);
        }
    }
}
