import { html, nothing } from "lit";
import { keyed } from "lit/directives/keyed.js";
import { api, get } from "../api";
import { formatTime } from "../format";
import { live } from "../live";
import { notify } from "../notices";
import { messageOf } from "../problem";
import type { MaintenanceWindowView, Probe, ProbeStatus, WatchedDevice } from "../types";
import { applyMaintenanceChange, maintenanceOfPlug, probeState, targetState, watchdogOfPlug, type ProbeState } from "../watchdog-logic";
import "./device-form";
import { LightElement } from "./light-element";
import "./plug-maintenance";
import "./probe-form";

/**
 * Verdict changes are pushed (ProbeChanged); the slow poll only refreshes "last run" times and recent failure counts,
 * which change on every run and are not worth a push each.
 */
const statusPollMs = 60_000;

const actions: Record<Probe["onDown"], string> = { AlertOnly: "alert only", RestartPlug: "restart the plug", PowerCycle: "power-cycle" };

/**
 * What the watchdog checks for one plug: the plug's own probes and the devices behind it with theirs, each with its
 * last result, and a reset for a target the flap guard stopped acting on ("needs attention"). The owner adds and
 * deletes devices, adds, edits and deletes probes, and starts and ends maintenance here; the forms are child elements
 * that fire `saved`, after which the lists are read again.
 */
export class PlugWatchdog extends LightElement {
  plugId = 0;
  private probes: Probe[] = [];
  private devices: WatchedDevice[] = [];
  private maintenance: readonly MaintenanceWindowView[] = [];
  private editing: Probe | null = null;
  private editingDevice: WatchedDevice | null = null;
  private status = new Map<number, ProbeStatus>();
  /** Every probe of the fleet the last load saw, so a poll can tell that one was added since. */
  private known = new Set<number>();
  private error: string | null = null;
  private loaded = false;
  private readonly busy = new Set<string>();
  private readonly cleanup: (() => void)[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    const timer = window.setInterval(() => void this.loadStatus(), statusPollMs);
    this.cleanup.push(
      () => window.clearInterval(timer),
      live.onReconnected(() => void this.load()),
      live.onProbeChanged((change) => {
        if (change.plugId !== this.plugId) return;
        if (!this.known.has(change.status.probeId)) {
          void this.load();
          return;
        }
        this.status = new Map(this.status).set(change.status.probeId, change.status);
        this.requestUpdate();
      }),
      // Windows started or ended elsewhere (another user, an API client) and those whose time ran out.
      live.onMaintenanceChanged((change) => {
        const windows = applyMaintenanceChange(this.plugId, this.maintenance, change);
        if (windows === this.maintenance) return;
        this.maintenance = windows;
        this.requestUpdate();
      }),
    );
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const c of this.cleanup.splice(0)) c();
  }

  private async load(): Promise<void> {
    try {
      const [probes, devices, status, maintenance] = await Promise.all([
        get<Probe[]>("/api/watchdog/probes"),
        get<WatchedDevice[]>("/api/watchdog/devices"),
        get<ProbeStatus[]>("/api/watchdog/status"),
        get<MaintenanceWindowView[]>("/api/watchdog/maintenance"),
      ]);
      ({ probes: this.probes, devices: this.devices } = watchdogOfPlug(this.plugId, probes, devices));
      this.maintenance = maintenanceOfPlug(this.plugId, maintenance, devices);
      if (this.editing && !this.probes.some((p) => p.id === this.editing?.id)) this.editing = null;
      if (this.editingDevice && !this.devices.some((d) => d.id === this.editingDevice?.id)) this.editingDevice = null;
      this.known = new Set(probes.map((p) => p.id));
      this.status = new Map(status.map((s) => [s.probeId, s]));
      this.error = null;
    } catch (e) {
      this.error = messageOf(e);
    }
    this.loaded = true;
    this.requestUpdate();
  }

  private async loadStatus(): Promise<void> {
    try {
      const status = await get<ProbeStatus[]>("/api/watchdog/status");
      // A probe the page does not know yet was added elsewhere: fetch the lists again.
      if (status.some((s) => !this.known.has(s.probeId))) return await this.load();
      this.status = new Map(status.map((s) => [s.probeId, s]));
    } catch {
      // The next poll tries again; a real outage shows as the live connection's marker.
    }
    this.requestUpdate();
  }

  private async reset(key: string, url: string, what: string): Promise<void> {
    this.busy.add(key);
    this.requestUpdate();
    try {
      await api("POST", url);
      notify(`The watchdog acts on ${what} again.`);
      this.error = null;
      await this.loadStatus();
    } catch (e) {
      this.error = messageOf(e);
    }
    this.busy.delete(key);
    this.requestUpdate();
  }

  private async deleteItem(key: string, url: string, question: string, done: string): Promise<void> {
    if (!confirm(question)) return;
    this.busy.add(key);
    this.requestUpdate();
    try {
      await api("DELETE", url);
      notify(done);
      this.error = null;
      await this.load();
    } catch (e) {
      this.error = messageOf(e);
    }
    this.busy.delete(key);
    this.requestUpdate();
  }

  private edited(): void {
    this.editing = null;
    void this.load();
  }

  private deviceEdited(): void {
    this.editingDevice = null;
    void this.load();
  }

  private statesOf(probes: Probe[]): { state: ProbeState; attention: boolean } {
    return {
      state: targetState(probes.map((p) => probeState(p, this.status.get(p.id)))),
      attention: probes.some((p) => this.status.get(p.id)?.needsAttention === true),
    };
  }

  private target(key: string, name: string, probes: Probe[], resetUrl: string) {
    const { state, attention } = this.statesOf(probes);
    return html`<span class="badge watchdog-${state}" data-testid="target-state">${probes.length === 0 ? "no probes" : state}</span>
      ${attention ? html`<span class="badge severity-warning">needs attention</span>
        <button type="button" aria-label="Reset ${name}" ?disabled=${this.busy.has(key)}
          @click=${() => this.reset(key, resetUrl, name)}>Reset</button>` : nothing}`;
  }

  private probeRow(p: Probe) {
    const s = this.status.get(p.id);
    const device = this.devices.find((d) => d.id === p.deviceId);
    const where = p.kind === "Tcp" || p.kind === "Http" ? `${p.kind}${p.port ? ` :${p.port}` : ""}${p.path ?? ""}` : p.kind;
    return html`<tr data-probe=${p.id}>
      <td>${device ? device.name : "this plug"}</td>
      <td>${where}</td>
      <td class="num">${p.intervalSeconds} s</td>
      <td>${actions[p.onDown]}</td>
      <td><span class="badge watchdog-${probeState(p, s)}" data-testid="probe-state">${probeState(p, s)}</span>
        ${s?.needsAttention ? html`<span class="badge severity-warning">needs attention</span>` : nothing}</td>
      <td class="num">${s ? s.recentFailures : "–"}</td>
      <td>${formatTime(s?.lastRunAt)}${s?.lastDetail ? html`<br><span class="muted">${s.lastDetail}</span>` : nothing}</td>
      <td class="row-actions"><button type="button" class="ghost" aria-label="Edit probe ${p.id}" @click=${() => {
        this.editing = p;
        this.requestUpdate();
      }}>Edit</button>
        <button type="button" class="ghost" aria-label="Delete probe ${p.id}" ?disabled=${this.busy.has(`probe${p.id}`)}
          @click=${() => this.deleteItem(`probe${p.id}`, `/api/watchdog/probes/${p.id}`, `Delete probe ${p.id} (${where})?`, "Probe deleted.")}>Delete</button></td>
    </tr>`;
  }

  protected override render() {
    const own = this.probes.filter((p) => p.plugId === this.plugId);
    return html`
      <h2>Watchdog</h2>
      ${this.error ? html`<p class="error" role="alert" data-testid="watchdog-error">${this.error}</p>` : nothing}
      <p data-testid="plug-watchdog-state">This plug: ${this.target("plug", "this plug", own, `/api/watchdog/plugs/${this.plugId}/reset`)}</p>
      <h3>Devices behind the plug</h3>
      <div class="table-wrap">
        <table class="watched-devices" aria-label="Devices behind the plug">
          <thead><tr><th scope="col">Device</th><th scope="col">Host</th><th scope="col">Relay</th>
            <th scope="col">Off for</th><th scope="col">State</th><th scope="col"></th></tr></thead>
          <tbody>${this.devices.map((d) => html`<tr data-device=${d.name}>
            <td>${d.name}</td><td>${d.host}</td><td class="num">${d.relayChannel}</td><td class="num">${d.offSeconds} s</td>
            <td>${this.target(`device${d.id}`, d.name, this.probes.filter((p) => p.deviceId === d.id), `/api/watchdog/devices/${d.id}/reset`)}</td>
            <td class="row-actions"><button type="button" class="ghost" aria-label="Edit device ${d.name}" @click=${() => {
              this.editingDevice = d;
              this.requestUpdate();
            }}>Edit</button>
              <button type="button" class="ghost" aria-label="Delete device ${d.name}" ?disabled=${this.busy.has(`delete-device${d.id}`)}
              @click=${() => this.deleteItem(`delete-device${d.id}`, `/api/watchdog/devices/${d.id}`,
                `Delete ${d.name} and its probes?`, `${d.name} deleted.`)}>Delete</button></td>
          </tr>`)}</tbody>
        </table>
        ${this.loaded && this.devices.length === 0 ? html`<p class="muted">None named.</p>` : nothing}
      </div>
      <h4>${this.editingDevice ? `Edit ${this.editingDevice.name}` : "Add a device"}</h4>
      ${keyed(this.editingDevice?.id ?? 0, html`<hub-device-form .plugId=${this.plugId} .device=${this.editingDevice}
        @saved=${() => this.deviceEdited()} @cancel=${() => this.deviceEdited()}></hub-device-form>`)}
      <h3>Probes</h3>
      <div class="table-wrap">
        <table class="probes" aria-label="Watchdog probes">
          <thead><tr><th scope="col">Target</th><th scope="col">Check</th><th scope="col">Every</th><th scope="col">When down</th>
            <th scope="col">State</th><th scope="col">Recent failures</th><th scope="col">Last run</th><th scope="col"></th></tr></thead>
          <tbody>${this.probes.map((p) => this.probeRow(p))}</tbody>
        </table>
        ${this.loaded && this.probes.length === 0 ? html`<p class="muted">No probes watch this plug.</p>` : nothing}
      </div>
      <h4>${this.editing ? `Edit probe ${this.editing.id}` : "Add a probe"}</h4>
      ${keyed(this.editing?.id ?? 0, html`<hub-probe-form .plugId=${this.plugId} .devices=${this.devices} .probe=${this.editing}
        @saved=${() => this.edited()} @cancel=${() => this.edited()}></hub-probe-form>`)}
      <hub-plug-maintenance .plugId=${this.plugId} .devices=${this.devices} .windows=${this.maintenance}
        @saved=${() => void this.load()}></hub-plug-maintenance>`;
  }
}

customElements.define("hub-plug-watchdog", PlugWatchdog);
