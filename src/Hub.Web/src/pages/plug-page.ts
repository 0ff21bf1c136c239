import { html, nothing } from "lit";
import { api, get } from "../api";
import { adopt, switchRelay, updatePlug } from "../commands";
import { displayName } from "../fleet-logic";
import { formatNumber, formatRssi, formatTime, formatUptime, formatWatts, parseTags } from "../format";
import { live } from "../live";
import { notify, notifyError } from "../notices";
import { formatCost, formatKwh } from "../energy-logic";
import type { DesiredMode, EnergySummary, HistoryItem, PlugDetails, PlugLiveUpdate } from "../types";
import { LightElement } from "../components/light-element";
import "../components/energy-chart";
import "../components/plug-alerts";
import "../components/plug-limits";
import "../components/plug-max-power";
import "../components/plug-watchdog";

const modes: { value: DesiredMode; label: string }[] = [
  { value: "NotManaged", label: "Not managed" },
  { value: "On", label: "Always on" },
  { value: "Off", label: "Always off" },
  { value: "LastCommanded", label: "Last commanded" },
];

/** One plug: live readings, relays and their desired state, rename and tags, restart or adopt, and its history. */
export class PlugPage extends LightElement {
  private plug = 0;
  private details: PlugDetails | null = null;
  private history: HistoryItem[] = [];
  private energy: EnergySummary | null = null;
  private error: string | null = null;
  private readonly busy = new Set<string>();
  private readonly cleanup: (() => void)[] = [];

  set plugId(id: number) {
    this.plug = id;
    this.requestUpdate();
  }

  get plugId(): number {
    return this.plug;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.cleanup.push(
      live.watchPlug(this.plug),
      live.onUpdates((updates) => {
        const u = updates.find((x) => x.plugId === this.plug);
        if (u) this.applyLive(u);
      }),
      live.onReconnected(() => void this.load()),
    );
    // Today's energy moves on as the rollups catch up (once a minute); no live push carries it.
    const timer = window.setInterval(() => void this.loadEnergy(), 60_000);
    this.cleanup.push(() => window.clearInterval(timer));
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const c of this.cleanup.splice(0)) c();
  }

  private async load(): Promise<void> {
    try {
      [this.details, this.history] = await Promise.all([
        get<PlugDetails>(`/api/plugs/${this.plug}`),
        get<HistoryItem[]>(`/api/plugs/${this.plug}/history?limit=100`),
      ]);
      this.error = null;
      void this.loadEnergy();
      document.title = `${displayName(this.details.plug)} · Hub`;
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    }
    this.requestUpdate();
  }

  /** A plug that has never sent a reading has no summary (404); the page shows dashes then. */
  private async loadEnergy(): Promise<void> {
    this.energy = await get<EnergySummary>(`/api/energy/plugs/${this.plug}/summary`).catch(() => null);
    this.requestUpdate();
  }

  private energySection(d: PlugDetails) {
    const e = this.energy;
    return html`
      <h2>Energy</h2>
      <div class="readings" data-testid="energy-summary">
        <div><span class="label">Today</span><span class="value" data-testid="today-kwh">${formatKwh(e?.todayKwh)}</span></div>
        <div><span class="label">Cost today</span><span class="value" data-testid="today-cost">${formatCost(e?.todayCost, e?.currency)}</span></div>
        <div><span class="label">This month</span><span class="value" data-testid="month-kwh">${formatKwh(e?.monthKwh)}</span></div>
        <div><span class="label">Cost this month</span><span class="value" data-testid="month-cost">${formatCost(e?.monthCost, e?.currency)}</span></div>
        <div><span class="label">Lifetime</span><span class="value">${formatKwh(e?.lifetimeKwh)}</span></div>
      </div>
      <hub-energy-chart .plugId=${this.plug} .firstSeen=${d.firstSeenAt}></hub-energy-chart>
      <hub-plug-max-power .plugId=${this.plug}></hub-plug-max-power>`;
  }

  private applyLive(u: PlugLiveUpdate): void {
    const d = this.details;
    if (!d) return;
    const rebooted = u.lastRebootReason != null && u.lastRebootReason !== d.state.lastRebootReason;
    const { plugId: _, ...state } = u;
    this.details = {
      ...d,
      plug: { ...d.plug, online: u.online, relays: u.relays, powerW: u.powerW, uptimeSeconds: u.uptimeSeconds, rssiDbm: u.rssiDbm },
      state: { ...d.state, ...state, lastRebootReason: u.lastRebootReason ?? d.state.lastRebootReason },
    };
    if (rebooted) void this.reloadHistory();
    this.requestUpdate();
  }

  private async reloadHistory(): Promise<void> {
    this.history = await get<HistoryItem[]>(`/api/plugs/${this.plug}/history?limit=100`).catch(() => this.history);
    this.requestUpdate();
  }

  private async run(key: string, work: () => Promise<string | void>): Promise<void> {
    this.busy.add(key);
    this.requestUpdate();
    try {
      const message = await work();
      if (message) notify(message);
    } catch (e) {
      notifyError(e);
    } finally {
      this.busy.delete(key);
      this.requestUpdate();
    }
  }

  private channels(d: PlugDetails): number[] {
    const set = new Set<number>([1]);
    for (const k of Object.keys(d.state.relays)) set.add(Number(k));
    for (const x of d.desired) set.add(x.channel);
    return [...set].sort((a, b) => a - b);
  }

  private relay(d: PlugDetails, channel: number) {
    const on = d.state.relays[String(channel)] === true;
    const desired = d.desired.find((x) => x.channel === channel)?.mode ?? "NotManaged";
    const adopted = d.plug.status === "Adopted";
    return html`
      <div class="relay-line">
        <span>Relay ${channel}</span>
        <button type="button" role="switch" class="switch" aria-checked=${on ? "true" : "false"} aria-label="Relay ${channel}"
          ?disabled=${!adopted || !d.state.online || this.busy.has(`relay${channel}`)}
          @click=${() => this.run(`relay${channel}`, async () => {
            await switchRelay(this.plug, channel, !on);
            await this.load();
          })}><span></span></button>
        <label class="inline">After a reboot or reconnect
          <select aria-label="Desired state of relay ${channel}" ?disabled=${!adopted || this.busy.has(`desired${channel}`)}
            @change=${(e: Event) => {
              const mode = (e.target as HTMLSelectElement).value as DesiredMode;
              void this.run(`desired${channel}`, async () => {
                await api("PUT", `/api/plugs/${this.plug}/desired/${channel}`, { mode });
                await this.load();
                return `Relay ${channel}: ${modes.find((m) => m.value === mode)?.label.toLowerCase()}.`;
              });
            }}>
            ${modes.map((m) => html`<option value=${m.value} ?selected=${m.value === desired}>${m.label}</option>`)}
          </select></label>
      </div>`;
  }

  private save(e: Event): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    void this.run("save", async () => {
      await updatePlug(this.plug, {
        name: String(data.get("name") ?? "").trim(),
        group: String(data.get("group") ?? "").trim(),
        tags: parseTags(String(data.get("tags") ?? "")),
      });
      await this.load();
      return "Saved.";
    });
  }

  protected override render() {
    if (this.error && !this.details) {
      return html`<section class="page"><h1>Plug ${this.plug}</h1><p class="error" role="alert">${this.error}</p>
        <p><a href="/">Back to the fleet</a></p></section>`;
    }
    const d = this.details;
    if (!d) return html`<section class="page"><p>Loading…</p></section>`;
    const p = d.plug;
    const s = d.state;
    const adopted = p.status === "Adopted";
    return html`
      <section class="page">
        <p class="crumbs"><a href="/">Fleet</a> ›</p>
        <div class="title-row">
          <h1>${displayName(p)}</h1>
          <span class="status ${s.online ? "on" : ""}" data-testid="plug-online"><span class="dot ${s.online ? "on" : ""}"></span>
            ${s.online ? "online" : "offline"}</span>
          ${adopted ? nothing : html`<span class="badge">pending</span>`}
        </div>
        <div class="readings" data-testid="readings">
          <div><span class="label">Power</span><span class="value" data-testid="power">${formatWatts(s.powerW)}</span></div>
          <div><span class="label">Voltage</span><span class="value" data-testid="voltage">${formatNumber(s.voltageV, "V")}</span></div>
          <div><span class="label">Current</span><span class="value" data-testid="current">${formatNumber(s.currentA, "A", 3)}</span></div>
          <div><span class="label">Energy counter</span><span class="value">${formatNumber(s.energyCounterWh == null ? null : s.energyCounterWh / 1000, "kWh", 3)}</span></div>
          <div><span class="label">Uptime</span><span class="value">${formatUptime(s.uptimeSeconds)}</span></div>
          <div><span class="label">RSSI</span><span class="value">${formatRssi(s.rssiDbm)}</span></div>
        </div>

        <div class="actions">
          ${adopted ? nothing : html`<button type="button" class="primary" ?disabled=${this.busy.has("adopt")}
            @click=${() => this.run("adopt", async () => { await adopt(this.plug); await this.load(); return "Adopted."; })}>Adopt</button>`}
          <button type="button" ?disabled=${!adopted || !s.online || this.busy.has("restart")}
            @click=${() => confirm(`Restart ${displayName(p)}?`) && this.run("restart", async () => {
              await api("POST", `/api/plugs/${this.plug}/restart`);
              return "The plug is restarting.";
            })}>Restart</button>
        </div>

        ${this.energySection(d)}

        <h2>Relays</h2>
        ${this.channels(d).map((c) => this.relay(d, c))}

        <h2>Name and tags</h2>
        <form class="edit" @submit=${this.save}>
          <label>Name <input name="name" maxlength="100" .value=${p.name ?? ""} placeholder=${p.topic}></label>
          <label>Group <input name="group" maxlength="64" .value=${p.group ?? ""}></label>
          <label>Tags (comma-separated) <input name="tags" .value=${p.tags.join(", ")}></label>
          <button type="submit" class="primary" ?disabled=${this.busy.has("save")}>Save</button>
        </form>

        <hub-plug-alerts .plugId=${this.plug}></hub-plug-alerts>
        ${adopted ? html`<hub-plug-limits .plugId=${this.plug}></hub-plug-limits>
          <hub-plug-watchdog .plugId=${this.plug}></hub-plug-watchdog>` : nothing}

        <h2>Device</h2>
        <dl class="facts">
          <dt>Topic</dt><dd>${p.topic}</dd>
          <dt>Protocol</dt><dd>${p.protocol}</dd>
          <dt>Firmware build</dt><dd>${p.firmwareBuild ?? "–"}</dd>
          <dt>Chip</dt><dd>${d.chip ?? "–"}</dd>
          <dt>MAC</dt><dd>${d.mac ?? "–"}</dd>
          <dt>IP</dt><dd>${d.ip ?? "–"}</dd>
          <dt>Last reboot reason</dt><dd>${s.lastRebootReason ?? "–"}</dd>
          <dt>Boot count</dt><dd>${s.bootCount ?? "–"}</dd>
          <dt>First seen</dt><dd>${formatTime(d.firstSeenAt)}</dd>
          <dt>Adopted</dt><dd>${formatTime(d.adoptedAt)}</dd>
          <dt>Last MQTT message</dt><dd>${formatTime(s.lastSeenAt)}</dd>
        </dl>

        <h2>History</h2>
        <div class="table-wrap">
          <table class="history">
            <thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">Detail</th><th scope="col">By</th></tr></thead>
            <tbody>${this.history.map((h) => html`
              <tr class=${h.kind === "Rebooted" ? "reboot" : ""}><td>${formatTime(h.at)}</td><td>${h.kind}</td><td>${h.detail}</td><td>${h.actor}</td></tr>`)}
            </tbody>
          </table>
          ${this.history.length === 0 ? html`<p class="muted">Nothing yet.</p>` : nothing}
        </div>
      </section>`;
  }
}

customElements.define("hub-plug-page", PlugPage);
