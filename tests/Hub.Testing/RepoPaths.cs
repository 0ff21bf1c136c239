namespace Hub.Testing;

public static class RepoPaths
{
    /// <summary>The checkout's root: the folder above the test binaries that holds Hub.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release, whichever built the running tests; the hub's own build output uses the same.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release" : "Debug";

    public static string HubApiDll => Path.Combine(Root, "src", "Hub.Api", "bin", Configuration, "net10.0", "Hub.Api.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Hub.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Hub.sln above {AppContext.BaseDirectory}");
    }
}
