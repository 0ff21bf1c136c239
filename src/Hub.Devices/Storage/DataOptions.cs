using System.ComponentModel.DataAnnotations;

namespace Hub.Devices.Storage;

/// <summary>Where the hub keeps its database, logs and generated secrets.</summary>
public sealed class DataOptions
{
    public const string Section = "Data";

    [Required(AllowEmptyStrings = false)]
    public string Directory { get; set; } = "./data";

    public string FullDirectory => Path.GetFullPath(Directory);

    /// <summary>The connection string used when a module has none of its own in <c>ConnectionStrings</c>.</summary>
    public string DefaultConnectionString => $"Data Source={Path.Combine(FullDirectory, "hub.db")}";
}
