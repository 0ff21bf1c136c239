namespace Hub.Benchmarks;

internal static class QueryBenchmark
{
    public static Task RunAsync(int plugs) => Task.CompletedTask;
}
