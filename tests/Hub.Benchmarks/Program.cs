using Hub.Benchmarks;

// Each benchmark prints a Markdown section for docs/benchmarks.md and docs/energy.md.
var which = args.Length > 0 ? args[0] : "all";
if (which is "all" or "writer")
{
    await WriterBenchmark.RunAsync(plugs: 1000, samplesPerPlug: 500);
}

if (which is "all" or "size")
{
    await StorageSize.RunAsync();
}

if (which is "all" or "queries")
{
    await QueryBenchmark.RunAsync(plugs: args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000);
}

if (which is "all" or "ingest-jobs")
{
    await IngestUnderJobsBenchmark.RunAsync(
        plugs: args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000,
        seconds: args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 30);
}

if (which is "all" or "e2e")
{
    await EndToEndIngestBenchmark.RunAsync(
        plugs: args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100,
        perPlug: args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 200);
}

if (which is "all" or "commands")
{
    await CommandRoundTripBenchmark.RunAsync(
        plugs: args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000,
        commands: args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 2000);
}

if (which is "all" or "discovery")
{
    await DiscoveryBenchmark.RunAsync(plugs: args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000);
}

if (which is "all" or "watchdog")
{
    await WatchdogBenchmark.RunAsync(
        targets: args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000,
        seconds: args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 60);
}

if (which is "rollout")
{
    await RolloutBenchmark.RunAsync(
        plugs: args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200,
        concurrency: args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 20);
}

if (which is "transfers")
{
    await TransferBenchmark.RunAsync(
        transfers: args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200,
        imageBytes: args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 500_000);
}
