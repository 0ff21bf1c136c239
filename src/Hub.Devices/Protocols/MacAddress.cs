namespace Hub.Devices.Protocols;

/// <summary>
/// One spelling of a MAC for the whole hub (<c>84:E3:42:65:D1:87</c>), because plugs are identified by MAC and each
/// firmware spells it differently (OpenBeken lower case with colons or bare hex on its simulator, Tasmota discovery
/// bare upper case).
/// </summary>
internal static class MacAddress
{
    public static string Normalize(string text)
    {
        Span<char> hex = stackalloc char[12];
        var count = 0;
        foreach (var c in text.Trim())
        {
            if (c is ':' or '-' or '.')
            {
                continue;
            }

            if (!char.IsAsciiHexDigit(c) || count == 12)
            {
                throw new BadPayloadException($"MAC '{ValueRanges.Clip(text)}' is not six hex bytes");
            }

            hex[count++] = char.ToUpperInvariant(c);
        }

        if (count != 12)
        {
            throw new BadPayloadException($"MAC '{ValueRanges.Clip(text)}' is not six hex bytes");
        }

        return string.Create(17, hex.ToArray(), static (span, digits) =>
        {
            for (var i = 0; i < 6; i++)
            {
                span[i * 3] = digits[i * 2];
                span[(i * 3) + 1] = digits[(i * 2) + 1];
                if (i < 5)
                {
                    span[(i * 3) + 2] = ':';
                }
            }
        });
    }

    public static string? NormalizeOrNull(string? text) => string.IsNullOrWhiteSpace(text) ? null : Normalize(text);
}
