namespace Hub.Devices.Protocols;

/// <summary>Guards for values the hub puts into console command lines, which both firmwares split on spaces and ';'.</summary>
internal static class CommandText
{
    /// <summary>A value that stays one argument: printable ASCII without spaces, quotes, backslashes or ';'.</summary>
    public static string Argument(string value, string what)
    {
        if (value.Length is 0 or > 64 || value.Any(c => c is <= ' ' or > '~' or ';' or '"' or '\\'))
        {
            throw new ArgumentException(
                $"{what} must be 1-64 printable ASCII characters without spaces, quotes, backslashes or ';'", what);
        }

        return value;
    }

    /// <summary>A plug topic or command name: one topic level of printable ASCII, no wildcards.</summary>
    public static string TopicLevel(string value, string what)
    {
        if (value.Length is 0 or > 64 || value.Any(c => c is <= ' ' or > '~' or '/' or '+' or '#'))
        {
            throw new ArgumentException($"{what} must be one topic level of printable ASCII without wildcards", what);
        }

        return value;
    }
}
