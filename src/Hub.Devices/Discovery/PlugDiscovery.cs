using System.Collections.Concurrent;
using Hub.Devices.Fleet;
using Hub.Devices.Fleet.Events;
using Hub.Devices.Protocols;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hub.Devices.Discovery;

/// <summary>
/// Discovery's entry point for the API and the periodic worker: SSDP search, address scan, and re-identifying one
/// known plug (which also reads its real reboot reason).
/// </summary>
public sealed class PlugDiscovery : IDisposable
{
    private readonly SsdpSearcher _ssdp;
    private readonly PlugHttpClient _http;
    private readonly HttpIdentifier _identifier;
    private readonly RangeScanner _scanner;
    private readonly DiscoveryRegistrar _registrar;
    private readonly PlugEventBus _bus;
    private readonly IServiceScopeFactory _scopes;
    private readonly DiscoveryOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<PlugDiscovery> _logger;
    private readonly SemaphoreSlim _oneSearch = new(1, 1);

    internal PlugDiscovery(SsdpSearcher ssdp, PlugHttpClient http, HttpIdentifier identifier, RangeScanner scanner,
        DiscoveryRegistrar registrar, PlugEventBus bus, IServiceScopeFactory scopes, IOptions<DiscoveryOptions> options,
        TimeProvider time, ILogger<PlugDiscovery> logger)
    {
        (_ssdp, _http, _identifier, _scanner, _registrar, _bus) = (ssdp, http, identifier, scanner, registrar, bus);
        (_scopes, _options, _time, _logger) = (scopes, options.Value, time, logger);
    }

    public void Dispose() => _oneSearch.Dispose();

    public int MaxScanAddresses => _options.MaxScanAddresses;

    public int MaxScanPorts => _options.MaxScanPorts;

    /// <summary>Searches by SSDP now (waiting for a search already running), identifies and records what answers.</summary>
    public async Task<DiscoveryReport> SearchSsdpAsync(CancellationToken ct)
    {
        await _oneSearch.WaitAsync(ct);
        try
        {
            var answers = await _ssdp.SearchAsync(ct);
            var identities = new ConcurrentBag<PlugIdentity>();
            var unidentified = new ConcurrentBag<IdentifyResult>();
            var endpoints = answers.GroupBy(a => a.Location.GetLeftPart(UriPartial.Authority), StringComparer.Ordinal).Select(g => g.First());
            await Parallel.ForEachAsync(endpoints, new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = ct },
                async (answer, token) =>
                {
                    if (await ExamineAsync(answer, token) is not { } result)
                    {
                        return;
                    }

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
                plugs.AddRange(await _registrar.RecordManyAsync(batch, "SSDP", ct));
            }

            _logger.LogInformation("SSDP search: {Answers} answers, {Plugs} plugs", answers.Count, plugs.Count);
            return new DiscoveryReport("ssdp", 1, answers.Count, [.. plugs.OrderBy(p => p.Topic, StringComparer.Ordinal)],
                [.. unidentified.OrderBy(u => u.HttpEndpoint, StringComparer.Ordinal)]);
        }
        finally
        {
            _oneSearch.Release();
        }
    }

    /// <summary>Scans a user's range; null when another scan is running. Limits are checked by the caller first.</summary>
    public Task<DiscoveryReport?> TryScanAsync(AddressRange range, IReadOnlyList<int> ports, CancellationToken ct) =>
        _scanner.TryScanAsync(range, ports, ct);

    /// <summary>
    /// Asks a known plug who it is now, refreshes its identity columns and reports its real reboot reason to the fleet.
    /// Refuses when a different device (another MAC) answers at the plug's address.
    /// </summary>
    public async Task<IdentifyResult> IdentifyPlugAsync(long plugId, CancellationToken ct)
    {
        Plug? row;
        await using (var scope = _scopes.CreateAsyncScope())
        {
            row = await scope.ServiceProvider.GetRequiredService<DevicesDb>().Plugs.AsNoTracking().FirstOrDefaultAsync(p => p.Id == plugId, ct);
        }

        if (row is null)
        {
            return new IdentifyResult(string.Empty, IdentifyOutcome.UnknownPlug);
        }

        var address = row.HttpEndpoint ?? (row.Ip is { } ip ? $"http://{ip}" : null);
        if (address is null || !Uri.TryCreate(address, UriKind.Absolute, out var endpoint))
        {
            return new IdentifyResult(string.Empty, IdentifyOutcome.NoAddress, Reason: "the plug's address is not known yet");
        }

        var result = await _identifier.IdentifyAsync(endpoint, readRebootReason: true, ct);
        if (result.Identity is not { } identity)
        {
            return result;
        }

        // DHCP may have given the plug's address to another device: compare by MAC, or by topic while the MAC is unknown.
        if ((row.Mac is { } mac && mac != identity.Mac) || (row.Mac is null && identity.Topic is { } topic && topic != row.Topic))
        {
            return result with
            {
                Outcome = IdentifyOutcome.DifferentPlug, Identity = null,
                Reason = $"{identity.Mac} ({identity.Topic}) answers at {result.HttpEndpoint}, not plug {row.Topic}",
            };
        }

        await _registrar.UpdateAsync(plugId, identity, ct);
        if (identity.RebootReason is { } reason)
        {
            await _bus.PublishAsync(new BootReported
            {
                Topic = row.Topic, PlugId = plugId, At = _time.GetUtcNow(), RebootReason = reason,
                Abnormal = RebootReasons.IsAbnormal(reason), BootCount = identity.BootCount, Source = PlugEventSource.Http,
            }, ct);
        }

        return result;
    }

    /// <summary>
    /// Identifies OpenBeken devices (by their SERVER header, else by the description behind the answer); other UPnP devices (TVs, routers) are left alone after their description, so the hub never sends
    /// them plug requests. Null for those.
    /// </summary>
    private async Task<IdentifyResult?> ExamineAsync(SsdpResponse answer, CancellationToken ct)
    {
        var endpoint = new Uri(answer.Location.GetLeftPart(UriPartial.Authority));
        if (answer.SaysOpenBeken)
        {
            // The SERVER header already says OpenBeken: its description would add nothing, and a plug serves only a
            // few connections at a time, so the identification gets by with one request fewer per plug.
            return await _identifier.IdentifyAsync(endpoint, readRebootReason: false, ct);
        }

        var openBeken = false;
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(_options.HostTimeoutSeconds), _time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token))
        {
            try
            {
                var description = await _http.GetAsync(answer.Location, answer.Location.PathAndQuery, linked.Token);
                openBeken |= description.Status == 200 && DeviceDescription.Parse(description.Text)?.IsOpenBeken == true;
            }
            catch (Exception ex) when (ex is PlugHttpException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
            {
                _logger.LogDebug("No description from {Location}: {Reason}", answer.Location, ex.Message);
            }
        }

        return openBeken ? await _identifier.IdentifyAsync(endpoint, readRebootReason: false, ct) : null;
    }
}
