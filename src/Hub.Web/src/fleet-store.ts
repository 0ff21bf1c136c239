import { get } from "./api";
import { applyLive } from "./fleet-logic";
import { live } from "./live";
import type { PlugPage, PlugSummary } from "./types";

// The fleet as the browser knows it: loaded page by page once, then kept current by the live connection. Pages
// subscribe and re-render on change; a plug the store has never seen (just discovered) triggers one quiet reload.

type Listener = () => void;

export class FleetStore {
  readonly plugs = new Map<number, PlugSummary>();
  loaded = false;
  error: string | null = null;
  /** Bumped on every change, so views can cache work per version. */
  version = 0;
  private readonly listeners = new Set<Listener>();
  private loading: Promise<void> | null = null;
  private reloadTimer: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    live.onUpdates((updates) => {
      let unknown = false;
      for (const u of updates) {
        const plug = this.plugs.get(u.plugId);
        if (plug) this.plugs.set(u.plugId, applyLive(plug, u));
        else unknown = true;
      }
      if (unknown && this.loaded) this.reloadSoon();
      this.changed();
    });
    live.onReconnected(() => void this.reload());
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }

  ensureLoaded(): Promise<void> {
    return this.loaded ? Promise.resolve() : this.reload();
  }

  reload(): Promise<void> {
    this.loading ??= this.fetchAll().finally(() => (this.loading = null));
    return this.loading;
  }

  private reloadSoon(): void {
    this.reloadTimer ??= setTimeout(() => {
      this.reloadTimer = null;
      void this.reload();
    }, 2000);
  }

  private async fetchAll(): Promise<void> {
    try {
      const all: PlugSummary[] = [];
      for (let page = 1; ; page++) {
        const result = await get<PlugPage>(`/api/plugs?page=${page}&pageSize=1000`);
        all.push(...result.items);
        if (result.items.length === 0 || all.length >= result.total) break;
      }
      this.plugs.clear();
      for (const p of all) this.plugs.set(p.id, p);
      this.loaded = true;
      this.error = null;
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    }
    this.changed();
  }

  /** A plug the API just answered about (after a command, a rename): replace it without waiting for the live push. */
  put(plug: PlugSummary): void {
    this.plugs.set(plug.id, plug);
    this.changed();
  }

  setRelay(id: number, channel: number, on: boolean): void {
    const plug = this.plugs.get(id);
    if (plug) this.put({ ...plug, relays: { ...plug.relays, [String(channel)]: on } });
  }
}

export const fleet = new FleetStore();
