import { html, nothing } from "lit";
import { api } from "../api";
import { formatTime } from "../format";
import { notify } from "../notices";
import { messageOf } from "../problem";
import type { MaintenanceWindowView, WatchedDevice } from "../types";
import { parseTarget } from "../watchdog-logic";
import { LightElement } from "./light-element";

/**
 * Maintenance of the plug or of a device behind it: expected off until a time, so the watchdog neither alerts nor
 * acts. The owning section loads the windows and passes them in; this lists them, ends one, and starts one. Fires
 * `saved` after either.
 */
export class PlugMaintenance extends LightElement {
  // The owning section hands in fresh lists after every load; these must re-render when it does.
  static override properties = { devices: { attribute: false }, windows: { attribute: false } };

  plugId = 0;
  devices: WatchedDevice[] = [];
  windows: readonly MaintenanceWindowView[] = [];
  private error: string | null = null;
  private busy = false;

  private async send(work: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.requestUpdate();
    try {
      await work();
      this.error = null;
      this.dispatchEvent(new CustomEvent("saved"));
    } catch (err) {
      this.error = messageOf(err);
    }
    this.busy = false;
    this.requestUpdate();
  }

  private async start(e: Event): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const until = String(data.get("until") ?? "");
    const note = String(data.get("note") ?? "").trim();
    await this.send(async () => {
      // datetime-local is the browser's local time; the API wants an instant.
      await api("POST", "/api/watchdog/maintenance", {
        ...parseTarget(String(data.get("target")), this.plugId),
        until: until ? new Date(until).toISOString() : null,
        note: note || null,
      });
      notify("Maintenance started.");
      form.reset();
    });
  }

  private end(w: MaintenanceWindowView): Promise<void> {
    return this.send(async () => {
      await api("DELETE", `/api/watchdog/maintenance/${w.id}`);
      notify("Maintenance ended.");
    });
  }

  private nameOf(w: MaintenanceWindowView): string {
    return w.deviceId === null ? "this plug" : this.devices.find((d) => d.id === w.deviceId)?.name ?? `device ${w.deviceId}`;
  }

  protected override render() {
    return html`
      <h3>Maintenance</h3>
      <ul class="maintenance" aria-label="Maintenance windows">
        ${this.windows.map((w) => html`<li data-maintenance=${w.id}>${this.nameOf(w)} is in maintenance until
          ${formatTime(w.until)}${w.note ? html` (${w.note})` : nothing}
          <button type="button" aria-label="End maintenance of ${this.nameOf(w)}" ?disabled=${this.busy}
            @click=${() => this.end(w)}>End</button></li>`)}
      </ul>
      ${this.windows.length === 0 ? html`<p class="muted">Not in maintenance: the watchdog alerts and acts.</p>` : nothing}
      <form class="edit" aria-label="Start maintenance" @submit=${this.start}>
        <label>In maintenance <select name="target">
          <option value="plug">this plug</option>
          ${this.devices.map((d) => html`<option value="device:${d.id}">${d.name}</option>`)}
        </select></label>
        <label>Until <input name="until" type="datetime-local" required></label>
        <label>Note <input name="note" maxlength="500"></label>
        ${this.error ? html`<p class="error form-error" role="alert">${this.error}</p>` : nothing}
        <button type="submit" ?disabled=${this.busy}>Start maintenance</button>
      </form>`;
  }
}

customElements.define("hub-plug-maintenance", PlugMaintenance);
