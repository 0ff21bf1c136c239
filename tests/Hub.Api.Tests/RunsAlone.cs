namespace Hub.Api.Tests;

/// <summary>
/// For tests that measure the whole process (the managed heap, CPU): other tests running beside them would count too.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "Runs alone";
}
