import { get } from "./api";

// Today's energy per plug for the fleet list. It moves only when the rollup job runs (once a minute), so it is fetched
// in one request when the fleet page opens and once a minute while it stays open; no live push carries it.

interface TodayEnergy {
  day: string;
  plugs: { plugId: number; energyWh: number }[];
}

const refreshMs = 60_000;

export class EnergyToday {
  /** Plug id → Wh since local midnight; a plug that used nothing today is absent. */
  wattHours = new Map<number, number>();
  loaded = false;
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setInterval> | null = null;

  /** Starts the refresh while at least one listener is there; the returned function stops listening. */
  watch(listener: () => void): () => void {
    this.listeners.add(listener);
    if (this.timer === null) {
      void this.load();
      this.timer = setInterval(() => void this.load(), refreshMs);
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.timer !== null) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  }

  async load(): Promise<void> {
    try {
      const today = await get<TodayEnergy>("/api/energy/today");
      this.wattHours = new Map(today.plugs.map((p) => [p.plugId, p.energyWh]));
      this.loaded = true;
    } catch {
      // The column shows dashes; the fleet list itself stays usable.
    }
    for (const listener of this.listeners) listener();
  }

  /** Wh today for a plug: 0 once loaded and the plug used nothing, null before the first answer. */
  of(plugId: number): number | null {
    return this.loaded ? (this.wattHours.get(plugId) ?? 0) : null;
  }
}

export const energyToday = new EnergyToday();
