using Hub.Devices.Fleet;

namespace Hub.Devices.Ota.Delivery;

/// <summary>Where a plug's web server answers: its known endpoint, else port 80 on its reported IP.</summary>
public static class PushTarget
{
    public static Uri? Of(Plug plug)
    {
        var text = plug.HttpEndpoint ?? plug.Ip;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "http://" + text;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp ? uri : null;
    }
}
