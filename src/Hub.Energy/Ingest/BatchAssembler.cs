using Hub.Devices.Fleet.Events;
using Hub.Energy.Storage;

namespace Hub.Energy.Ingest;

/// <summary>
/// Filters, merges and runs the counter logic for a batch of events. Counter states change only in
/// <see cref="Commit"/>, after the batch's transaction, so a failed write leaves them as the database has them.
/// </summary>
internal sealed class BatchAssembler(
    EnergyOptions options, IngestStats stats, IDictionary<long, CounterState> states, PlugPowerLimits? limits = null)
{
    private readonly ReadingFilter _filter = new(options);
    private readonly CounterTracker _tracker = new(options.MaxPowerW, options.CounterSlackWh);

    public ReadingBatch Build(IReadOnlyList<PlugEvent> events, DateTimeOffset now)
    {
        var batch = new ReadingBatch();
        foreach (var evt in events)
        {
            // Only readings are this consumer's to make durable; other events' receipts belong to their own stores.
            if (evt is ReadingReported { Receipt: { } receipt })
            {
                batch.Receipts.Add(receipt);
            }
        }

        // A stable sort keeps each plug's counter in time order even when a redelivery mixes old and new messages.
        foreach (var reading in events.OfType<ReadingReported>().OrderBy(r => r.At))
        {
            if (_filter.Check(reading, now) is { } refusal)
            {
                stats.CountRefused(reading.PlugId, refusal);
                continue;
            }

            Add(batch, reading);
        }

        return batch;
    }

    public void Commit(ReadingBatch batch)
    {
        foreach (var (plugId, state) in batch.States)
        {
            states[plugId] = state;
        }
    }

    private void Add(ReadingBatch batch, ReadingReported reading)
    {
        var atS = reading.At.ToUnixTimeSeconds();
        var key = ReadingKey.For(reading.PlugId, atS);
        if (!batch.Rows.TryGetValue(key, out var row))
        {
            row = new PendingRow(key);
            batch.Rows.Add(key, row);
        }

        row.VoltageDv ??= Units.ToDv(reading.VoltageV);
        row.CurrentMa ??= Units.ToMa(reading.CurrentA);
        row.PowerDw ??= Units.ToDw(reading.PowerW);
        batch.DirtyMinutes.Add(atS / 60);
        batch.Readings++;
        if (Units.ToMwh(reading.EnergyCounterWh) is { } counter)
        {
            var state = StateOf(batch, reading.PlugId, atS);

            // Once a plug has sent counters stamped with its own clock, its unstamped ones (the same counter on
            // OpenBeken's per-value topic, stamped on arrival) are left out: after an outage they arrive stamped with
            // the restart, ahead of the queued stamped ones, and would make those look old and the next one a glitch.
            if (state.StampedByPlug && !reading.StampedByPlug)
            {
                return;
            }

            if (reading.StampedByPlug && !state.StampedByPlug)
            {
                state = state with { StampedByPlug = true };
                batch.States[reading.PlugId] = state;
            }

            var maxPowerW = limits?.For(reading.PlugId) ?? options.MaxPowerW;
            if (_tracker.Apply(state, atS, counter, maxPowerW) is { } step)
            {
                // A row holds the last counter taken in its second and the energy of every step to it.
                row.CounterMwh = counter;
                row.DeltaMwh = (row.DeltaMwh ?? 0) + step.AddedMwh;
                batch.States[reading.PlugId] = step.State;
                if (step.Event is { } evt)
                {
                    batch.Events.Add(evt);
                }
            }
        }
        else if (!states.ContainsKey(reading.PlugId) && !batch.States.ContainsKey(reading.PlugId))
        {
            batch.States[reading.PlugId] = StateOf(batch, reading.PlugId, atS);
        }
    }

    private CounterState StateOf(ReadingBatch batch, long plugId, long atS) =>
        batch.States.TryGetValue(plugId, out var pending) ? pending
        : states.TryGetValue(plugId, out var committed) ? committed
        : new CounterState(plugId, atS, null, null, 0, null, null);
}
