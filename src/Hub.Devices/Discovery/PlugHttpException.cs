namespace Hub.Devices.Discovery;

/// <summary>Raised by <see cref="PlugHttpClient"/> and caught by the identifier, which turns it into an outcome.</summary>
internal sealed class PlugHttpException(PlugHttpFailure failure, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public PlugHttpFailure Failure { get; } = failure;
}
