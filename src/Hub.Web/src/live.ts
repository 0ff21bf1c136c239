import { HubConnectionBuilder, HubConnectionState, LogLevel, type HubConnection } from "@microsoft/signalr";
import type { AlertLiveChange, MaintenanceChange, PlugLiveUpdate, ProbeChange, RolloutChange, RolloutPlugChange } from "./types";

// The one SignalR connection of the page. It reconnects by itself for as long as the page is open (backing off to
// 10 s between tries), rejoins the plug groups it watched, and tells the pages when it came back so they can reload
// what they missed.

export type LiveState = "connecting" | "connected" | "reconnecting";

type Listener<T> = (value: T) => void;

export class LiveConnection {
  private readonly connection: HubConnection;
  private readonly watched = new Map<number, number>();
  private readonly updateListeners = new Set<Listener<PlugLiveUpdate[]>>();
  private readonly alertListeners = new Set<Listener<AlertLiveChange>>();
  private readonly rolloutListeners = new Set<Listener<RolloutPlugChange>>();
  private readonly rolloutChangeListeners = new Set<Listener<RolloutChange>>();
  private readonly probeListeners = new Set<Listener<ProbeChange>>();
  private readonly maintenanceListeners = new Set<Listener<MaintenanceChange>>();
  private readonly stateListeners = new Set<Listener<LiveState>>();
  private readonly reconnectListeners = new Set<() => void>();
  state: LiveState = "connecting";
  /** Counts of what arrived, read by the benchmark through window.hubLiveStats. */
  readonly stats = { messages: 0, updates: 0 };

  constructor(url = "/live") {
    this.connection = new HubConnectionBuilder()
      .withUrl(url)
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (c) => Math.min(10_000, 500 * 2 ** c.previousRetryCount) })
      .configureLogging(LogLevel.Warning)
      .build();
    this.connection.on("PlugsChanged", (updates: PlugLiveUpdate[]) => {
      this.stats.messages++;
      this.stats.updates += updates.length;
      for (const listener of this.updateListeners) listener(updates);
    });
    this.connection.on("AlertChanged", (change: AlertLiveChange) => {
      for (const listener of this.alertListeners) listener(change);
    });
    this.connection.on("RolloutPlugChanged", (change: RolloutPlugChange) => {
      for (const listener of this.rolloutListeners) listener(change);
    });
    this.connection.on("RolloutChanged", (change: RolloutChange) => {
      for (const listener of this.rolloutChangeListeners) listener(change);
    });
    this.connection.on("ProbeChanged", (change: ProbeChange) => {
      for (const listener of this.probeListeners) listener(change);
    });
    this.connection.on("MaintenanceChanged", (change: MaintenanceChange) => {
      for (const listener of this.maintenanceListeners) listener(change);
    });
    this.connection.onreconnecting(() => this.setState("reconnecting"));
    this.connection.onreconnected(() => {
      this.setState("connected");
      this.rewatch();
      for (const listener of this.reconnectListeners) listener();
    });
    // Automatic reconnection gives up only when the first connection never came up; keep trying from here.
    this.connection.onclose(() => {
      this.setState("reconnecting");
      void this.startWithRetry();
    });
  }

  start(): Promise<void> {
    return this.startWithRetry();
  }

  private async startWithRetry(): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.connection.start();
        const reconnect = attempt > 0 || this.state === "reconnecting";
        this.setState("connected");
        this.rewatch();
        if (reconnect) for (const listener of this.reconnectListeners) listener();
        return;
      } catch {
        if (this.connection.state !== HubConnectionState.Disconnected) return;
        this.setState("reconnecting");
        await new Promise((resolve) => setTimeout(resolve, Math.min(10_000, 1000 * 2 ** attempt)));
      }
    }
  }

  private setState(state: LiveState): void {
    if (this.state === state) return;
    this.state = state;
    for (const listener of this.stateListeners) listener(state);
  }

  private rewatch(): void {
    for (const id of this.watched.keys()) void this.connection.invoke("WatchPlug", id).catch(() => {});
  }

  onUpdates(listener: Listener<PlugLiveUpdate[]>): () => void {
    this.updateListeners.add(listener);
    return () => this.updateListeners.delete(listener);
  }

  /** Every alert change as it happens; after a reconnect, reload what may have been missed (onReconnected). */
  onAlertChanged(listener: Listener<AlertLiveChange>): () => void {
    this.alertListeners.add(listener);
    return () => this.alertListeners.delete(listener);
  }

  /** Every step of every rollout's plugs; after a reconnect, reload what may have been missed (onReconnected). */
  onRolloutPlugChanged(listener: Listener<RolloutPlugChange>): () => void {
    this.rolloutListeners.add(listener);
    return () => this.rolloutListeners.delete(listener);
  }

  /** A rollout's status, wave or reason to hold changed without a plug step; reload after a reconnect. */
  onRolloutChanged(listener: Listener<RolloutChange>): () => void {
    this.rolloutChangeListeners.add(listener);
    return () => this.rolloutChangeListeners.delete(listener);
  }

  /** A watchdog probe's verdict changed (first result, up, down, needs attention); reload after a reconnect. */
  onProbeChanged(listener: Listener<ProbeChange>): () => void {
    this.probeListeners.add(listener);
    return () => this.probeListeners.delete(listener);
  }

  /** A maintenance window started, was ended or expired; reload after a reconnect. */
  onMaintenanceChanged(listener: Listener<MaintenanceChange>): () => void {
    this.maintenanceListeners.add(listener);
    return () => this.maintenanceListeners.delete(listener);
  }

  onState(listener: Listener<LiveState>): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  onReconnected(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  /** Joins the plug's group for as long as the returned function is not called; counted, so two views can watch. */
  watchPlug(id: number): () => void {
    const count = (this.watched.get(id) ?? 0) + 1;
    this.watched.set(id, count);
    if (count === 1 && this.connection.state === HubConnectionState.Connected) {
      void this.connection.invoke("WatchPlug", id).catch(() => {});
    }
    return () => {
      const left = (this.watched.get(id) ?? 1) - 1;
      if (left > 0) {
        this.watched.set(id, left);
        return;
      }
      this.watched.delete(id);
      if (this.connection.state === HubConnectionState.Connected) {
        void this.connection.invoke("UnwatchPlug", id).catch(() => {});
      }
    };
  }
}

export const live = new LiveConnection();
(globalThis as { hubLiveStats?: typeof live.stats }).hubLiveStats = live.stats;
