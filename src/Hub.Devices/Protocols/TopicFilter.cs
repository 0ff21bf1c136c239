namespace Hub.Devices.Protocols;

/// <summary>MQTT topic-filter matching (<c>+</c> one level, <c>#</c> the rest), as the broker does it.</summary>
internal static class TopicFilter
{
    /// <summary>Whether a filter matches a topic, both already split into levels.</summary>
    public static bool Matches(string[] f, string[] t)
    {
        for (var i = 0; i < f.Length; i++)
        {
            if (f[i] == "#")
            {
                return true;
            }

            if (i >= t.Length || (f[i] != "+" && f[i] != t[i]))
            {
                return false;
            }
        }

        return f.Length == t.Length;
    }

    /// <summary>
    /// Whether every topic <paramref name="narrow"/> matches is matched by <paramref name="wide"/>. A broker may deliver a
    /// message once per matching subscription, so a covered filter would double messages.
    /// </summary>
    public static bool Covers(string wide, string narrow)
    {
        var w = wide.Split('/');
        var n = narrow.Split('/');
        for (var i = 0; i < w.Length; i++)
        {
            if (w[i] == "#")
            {
                return true;
            }

            if (i >= n.Length || n[i] == "#" || (w[i] != "+" && (n[i] == "+" || w[i] != n[i])))
            {
                return false;
            }
        }

        return w.Length == n.Length;
    }
}
