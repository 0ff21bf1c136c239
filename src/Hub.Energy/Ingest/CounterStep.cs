using Hub.Energy.Storage;

namespace Hub.Energy.Ingest;

/// <summary>What one counter value did to a plug's total: the new state, the energy added, and an event when odd.</summary>
internal sealed record CounterStep(CounterState State, long AddedMwh, EnergyEvent? Event);
