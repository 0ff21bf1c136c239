using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hub.Devices.Discovery;

/// <summary>
/// Asks every address and port of a user's range who it is, as TasmoAdmin's scan does: bounded range and port list,
/// bounded concurrency, a deadline per host. It only ever runs because a user asked; one scan at a time.
/// </summary>
internal sealed class RangeScanner(
    HttpIdentifier identifier, DiscoveryRegistrar registrar, IOptions<DiscoveryOptions> options, ILogger<RangeScanner> logger) : IDisposable
{
    private readonly SemaphoreSlim _oneScan = new(1, 1);

    /// <summary>The scan's report, or null when another scan is still running.</summary>
    public async Task<DiscoveryReport?> TryScanAsync(AddressRange range, IReadOnlyList<int> ports, CancellationToken ct)
    {
        var settings = options.Value;
        if (range.Count > settings.MaxScanAddresses || ports.Count is 0 || ports.Count > settings.MaxScanPorts
            || ports.Any(p => p is < 1 or > 65_535))
        {
            throw new ArgumentException("range or ports outside the configured limits", nameof(range));
        }

        if (!await _oneScan.WaitAsync(0, ct))
        {
            return null;
        }

        try
        {
            var targets = range.Addresses()
                .SelectMany(a => ports.Distinct().Select(p => new Uri(string.Create(CultureInfo.InvariantCulture, $"http://{a}:{p}"))))
                .ToList();
            logger.LogInformation("Scanning {Count} endpoints in {First}..{Last}", targets.Count, targets[0].Host, targets[^1].Host);
            var identities = new ConcurrentBag<PlugIdentity>();
            var unidentified = new ConcurrentBag<IdentifyResult>();
            var answered = 0;
            await Parallel.ForEachAsync(targets, new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = ct },
                async (target, token) =>
                {
                    var result = await identifier.IdentifyAsync(target, readRebootReason: false, token);
                    if (result.Outcome is IdentifyOutcome.Unreachable or IdentifyOutcome.TimedOut)
                    {
                        return;
                    }

                    Interlocked.Increment(ref answered);
                    if (result.Identity is { } identity)
                    {
                        identities.Add(identity);
                    }
                    else
                    {
                        unidentified.Add(result);
                    }
                });
            var plugs = new List<DiscoveredPlug>();
            foreach (var batch in identities.Chunk(DiscoveryRegistrar.BatchSize))
            {
                plugs.AddRange(await registrar.RecordManyAsync(batch, "scan", ct));
            }

            logger.LogInformation("Scan found {Plugs} plugs on {Answered} answering endpoints", plugs.Count, answered);
            return new DiscoveryReport("scan", targets.Count, answered,
                [.. plugs.OrderBy(p => p.Identity.HttpEndpoint, StringComparer.Ordinal)],
                [.. unidentified.OrderBy(u => u.HttpEndpoint, StringComparer.Ordinal)]);
        }
        finally
        {
            _oneScan.Release();
        }
    }

    public void Dispose() => _oneScan.Dispose();
}
