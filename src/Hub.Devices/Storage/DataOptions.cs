using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Hub.Devices.Storage;

/// <summary>Where the hub keeps its database, logs and generated secrets.</summary>
public sealed class DataOptions
{
    public const string Section = "Data";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    [Required(AllowEmptyStrings = false)]
    public string Directory { get; set; } = "./data";

    public string FullDirectory => Path.GetFullPath(Directory);

    /// <summary>The connection string used when a module has none of its own in <c>ConnectionStrings</c>.</summary>
    public string DefaultConnectionString => $"Data Source={Path.Combine(FullDirectory, "hub.db")}";

    /// <summary>For the few settings needed while services are still being registered.</summary>
    public static DataOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<DataOptions>() ?? new DataOptions();

    /// <summary>
    /// Creates a folder readable by the hub's user only: the data folder holds password hashes and signing keys.
    /// </summary>
    public static string EnsurePrivateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(path);
        }
        else
        {
            System.IO.Directory.CreateDirectory(path, OwnerOnly);
        }

        return path;
    }

    public string EnsureSubfolder(string name)
    {
        EnsurePrivateFolder(FullDirectory);
        return EnsurePrivateFolder(Path.Combine(FullDirectory, name));
    }
}
