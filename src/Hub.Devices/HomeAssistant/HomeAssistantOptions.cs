using System.ComponentModel.DataAnnotations;

namespace Hub.Devices.HomeAssistant;

/// <summary>Publishing MQTT discovery for adopted plugs, so Home Assistant users keep their dashboards.</summary>
public sealed class HomeAssistantOptions
{
    public const string Section = "HomeAssistant";

    public bool Enabled { get; set; }

    [Required(AllowEmptyStrings = false)]
    [RegularExpression("^[A-Za-z0-9_-]{1,64}$", ErrorMessage = "must be 1-64 letters, digits, '_' or '-'")]
    public string DiscoveryPrefix { get; set; } = "homeassistant";

    /// <summary>How often the published set is compared with the fleet (adoptions, renames, removals).</summary>
    [Range(1, 3600)]
    public int ReconcileSeconds { get; set; } = 30;
}
