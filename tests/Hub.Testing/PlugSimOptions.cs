namespace Hub.Testing;

public sealed record PlugSimOptions(int BrokerPort, string User, string Password, string StateDirectory)
{
    public int Count { get; init; } = 1;

    public string TopicPrefix { get; init; } = "obk";

    public double PowerW { get; init; } = 60;

    public int PublishIntervalSeconds { get; init; } = 2;

    public IReadOnlyList<string> ExtraArguments { get; init; } = [];
}
