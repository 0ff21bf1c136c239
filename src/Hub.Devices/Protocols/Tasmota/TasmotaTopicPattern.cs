namespace Hub.Devices.Protocols.Tasmota;

/// <summary>
/// A FullTopic such as <c>%prefix%/%topic%/</c>: builds the topic of a command and takes received topics apart into
/// prefix, plug topic and the command or message name that follows the pattern.
/// </summary>
internal sealed class TasmotaTopicPattern
{
    private const string Prefix = "%prefix%";
    private const string Topic = "%topic%";

    private readonly string[] _levels;

    public TasmotaTopicPattern(string fullTopic)
    {
        if (Check(fullTopic) is { } error)
        {
            throw new ArgumentException(error, nameof(fullTopic));
        }

        _levels = Levels(fullTopic);
    }

    /// <summary>What is wrong with a FullTopic, or null when it can be used.</summary>
    public static string? Check(string? fullTopic)
    {
        if (string.IsNullOrWhiteSpace(fullTopic))
        {
            return "FullTopic is empty";
        }

        var levels = Levels(fullTopic);
        if (levels.Count(l => l == Prefix) != 1 || levels.Count(l => l == Topic) != 1)
        {
            return "FullTopic must contain %prefix% and %topic% once each, as whole levels";
        }

        return levels.Any(l => l.Length == 0 || (l != Prefix && l != Topic && l.IndexOfAny(['%', '+', '#', ' ']) >= 0))
            ? "FullTopic levels must be %prefix%, %topic% or fixed words (no %hostname%, %id%, wildcards or empty levels)"
            : null;
    }

    public string Build(string prefix, string plugTopic, string name) =>
        string.Join('/', _levels.Select(l => l switch { Prefix => prefix, Topic => plugTopic, _ => l })) + "/" + name;

    /// <summary>The subscription filter for one message name under one prefix, for every plug.</summary>
    public string Filter(string prefix, string name) => Build(prefix, "+", name);

    public bool TryMatch(string mqttTopic, out string prefix, out string plugTopic, out string name)
    {
        prefix = plugTopic = name = string.Empty;
        var levels = mqttTopic.Split('/');
        if (levels.Length != _levels.Length + 1)
        {
            return false;
        }

        for (var i = 0; i < _levels.Length; i++)
        {
            switch (_levels[i])
            {
                case Prefix:
                    prefix = levels[i];
                    break;
                case Topic:
                    plugTopic = levels[i];
                    break;
                default:
                    if (!string.Equals(_levels[i], levels[i], StringComparison.Ordinal))
                    {
                        return false;
                    }

                    break;
            }
        }

        name = levels[^1];
        return true;
    }

    // Tasmota ends FullTopic with '/' and appends the command; a pattern written without it means the same.
    private static string[] Levels(string fullTopic) => fullTopic.Trim().TrimEnd('/').Split('/');
}
