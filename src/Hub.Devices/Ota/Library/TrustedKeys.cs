using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Hub.Devices.Ota.Library;

/// <summary>The ECDSA P-256 public keys our images may be signed with, loaded once from <see cref="FirmwareOptions.TrustedKeys"/>.</summary>
public sealed class TrustedKeys : IDisposable
{
    private readonly List<ECDsa> _keys = [];

    public TrustedKeys(IOptions<FirmwareOptions> options)
    {
        foreach (var entry in options.Value.TrustedKeys.Where(k => !string.IsNullOrWhiteSpace(k)))
        {
            _keys.Add(Load(entry));
        }
    }

    public int Count => _keys.Count;

    /// <summary>Whether any trusted key signed <paramref name="hash"/> (r‖s, 64 bytes).</summary>
    public bool Verify(ReadOnlySpan<byte> hash, ReadOnlySpan<byte> signature)
    {
        foreach (var key in _keys)
        {
            if (key.VerifyHash(hash, signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
            {
                return true;
            }
        }

        return false;
    }

    public void Dispose()
    {
        foreach (var key in _keys)
        {
            key.Dispose();
        }
    }

    private static ECDsa Load(string entry)
    {
        var pem = entry.Contains("-----BEGIN", StringComparison.Ordinal) ? entry : File.ReadAllText(entry);
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (ArgumentException ex)
        {
            key.Dispose();
            throw new InvalidOperationException($"{FirmwareOptions.Section}:TrustedKeys holds an entry that is not a PEM public key", ex);
        }

        if (key.KeySize != 256)
        {
            key.Dispose();
            throw new InvalidOperationException($"{FirmwareOptions.Section}:TrustedKeys: only P-256 keys sign our images");
        }

        return key;
    }
}
