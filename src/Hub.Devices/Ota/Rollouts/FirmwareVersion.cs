using System.Globalization;

namespace Hub.Devices.Ota.Rollouts;

/// <summary>Versions as plugs report them ("OpenBL602 1.18.0 Nov 25 2026 09:00:00", "14.2.0(tasmota)") and compared.</summary>
public static class FirmwareVersion
{
    /// <summary>The version inside a build string: the first word that starts with a digit.</summary>
    public static string? Of(string? build)
    {
        if (string.IsNullOrWhiteSpace(build))
        {
            return null;
        }

        var word = build.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(w => char.IsAsciiDigit(w[0]));
        return word?.Split('(')[0].TrimStart('v');
    }

    /// <summary>Numeric part by part (1.10 > 1.9); null when either side is not a dotted version.</summary>
    public static int? Compare(string? a, string? b)
    {
        if (Parts(a) is not { } left || Parts(b) is not { } right)
        {
            return null;
        }

        for (var i = 0; i < Math.Max(left.Length, right.Length); i++)
        {
            var order = (i < left.Length ? left[i] : 0).CompareTo(i < right.Length ? right[i] : 0);
            if (order != 0)
            {
                return order;
            }
        }

        return 0;
    }

    public static bool Same(string? a, string? b) =>
        a is not null && b is not null && (string.Equals(a, b, StringComparison.OrdinalIgnoreCase) || Compare(a, b) == 0);

    private static long[]? Parts(string? version)
    {
        if (string.IsNullOrEmpty(version))
        {
            return null;
        }

        var pieces = version.Split('.', '-', '_');
        var numbers = new long[pieces.Length];
        for (var i = 0; i < pieces.Length; i++)
        {
            if (!long.TryParse(pieces[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return null;
            }
        }

        return numbers;
    }
}
