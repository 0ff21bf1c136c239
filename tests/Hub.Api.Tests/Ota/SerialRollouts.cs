namespace Hub.Api.Tests.Ota;

/// <summary>
/// The rollout tests run up to twenty plugs flashing and rebooting at once; alone, they neither slow the other suites'
/// timing-sensitive plug tests on a two-core machine nor get slowed by them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialRollouts
{
    public const string Name = "Rollouts";
}
