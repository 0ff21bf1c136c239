using Hub.Devices.Fleet.Events;
using Hub.Energy.Storage;

namespace Hub.Energy.Ingest;

/// <summary>Everything one transaction writes: merged rows, the plugs' new counter states, events and dirty minutes.</summary>
internal sealed class ReadingBatch
{
    public Dictionary<long, PendingRow> Rows { get; } = [];

    public Dictionary<long, CounterState> States { get; } = [];

    public List<EnergyEvent> Events { get; } = [];

    public HashSet<long> DirtyMinutes { get; } = [];

    public List<DeliveryReceipt> Receipts { get; } = [];

    public int Readings { get; set; }
}
