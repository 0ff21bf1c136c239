namespace Hub.Devices.Protocols.OpenBeken;

/// <summary>A parsed HTTP answer, or why it could not be read; bad answers are expected, so nothing is thrown.</summary>
internal sealed record HttpParseResult<T>(T? Value, string? Error)
    where T : class
{
    public static HttpParseResult<T> Success(T value) => new(value, null);

    public static HttpParseResult<T> Failure(string error) => new(null, error);
}
