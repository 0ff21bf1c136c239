using System.ComponentModel.DataAnnotations;

namespace Hub.Devices.Mqtt;

/// <summary>
/// The shared account new plugs are set up with. Plugs on it show up as pending, may use only their own topics, and
/// get an account of their own when a user adopts them.
/// </summary>
public sealed class BootstrapOptions
{
    public const string Section = "Mqtt:Bootstrap";

    public bool Enabled { get; set; } = true;

    [Required(AllowEmptyStrings = false)]
    [RegularExpression("^[A-Za-z0-9_.-]{1,64}$", ErrorMessage = "must be 1-64 letters, digits, '_', '.' or '-'")]
    public string Username { get; set; } = "bootstrap";

    /// <summary>Empty means generated once and kept in the data folder (secrets/mqtt-bootstrap-password).</summary>
    public string? Password { get; set; }
}
