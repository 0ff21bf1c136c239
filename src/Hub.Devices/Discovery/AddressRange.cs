using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Hub.Devices.Discovery;

/// <summary>
/// IPv4 addresses a user asked to scan: one address (<c>192.168.1.40</c>), a CIDR block (<c>192.168.1.0/24</c>, without
/// its network and broadcast addresses) or a start-end range (<c>192.168.1.10-192.168.1.60</c> or <c>192.168.1.10-60</c>).
/// </summary>
public sealed record AddressRange(uint First, uint Last)
{
    public long Count => (long)Last - First + 1;

    public IEnumerable<IPAddress> Addresses()
    {
        for (var a = (long)First; a <= Last; a++)
        {
            var bytes = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)a);
            yield return new IPAddress(bytes);
        }
    }

    public static AddressRangeError TryParse(string? text, int maxAddresses, out AddressRange? range)
    {
        range = null;
        var value = text?.Trim() ?? string.Empty;
        uint first, last;
        if (value.Split('/') is [var network, var prefixText])
        {
            if (!TryAddress(network, out var start)
                || !int.TryParse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix is < 0 or > 32)
            {
                return AddressRangeError.Malformed;
            }

            var size = 1L << (32 - prefix);
            first = (uint)(start & ~(size - 1));
            last = (uint)(first + size - 1);
            if (prefix <= 30)
            {
                first++;
                last--;
            }
        }
        else if (value.Split('-') is [var from, var to])
        {
            if (!TryAddress(from, out first) || !TryEnd(from.Trim(), to.Trim(), out last) || last < first)
            {
                return AddressRangeError.Malformed;
            }
        }
        else if (TryAddress(value, out first))
        {
            last = first;
        }
        else
        {
            return AddressRangeError.Malformed;
        }

        // Multicast, broadcast and "this network" are not where plugs live, and a scan must never send there.
        if (first >> 24 == 0 || last >> 28 >= 0xE)
        {
            return AddressRangeError.Malformed;
        }

        if ((long)last - first + 1 > maxAddresses)
        {
            return AddressRangeError.TooLarge;
        }

        range = new AddressRange(first, last);
        return AddressRangeError.None;
    }

    private static bool TryEnd(string from, string to, out uint last)
    {
        // "192.168.1.10-60": the end shares the first three octets of the start.
        if (byte.TryParse(to, NumberStyles.None, CultureInfo.InvariantCulture, out var octet))
        {
            return TryAddress($"{from[..(from.LastIndexOf('.') + 1)]}{octet}", out last);
        }

        return TryAddress(to, out last);
    }

    private static bool TryAddress(string text, out uint value)
    {
        value = 0;
        var trimmed = text.Trim();
        if (trimmed.Count(c => c == '.') != 3 || !IPAddress.TryParse(trimmed, out var address)
            || address.AddressFamily != AddressFamily.InterNetwork)
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes());
        return true;
    }
}
