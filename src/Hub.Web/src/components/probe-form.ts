import { html, nothing } from "lit";
import { api } from "../api";
import { notify } from "../notices";
import { messageOf } from "../problem";
import type { Probe, ProbeKind, WatchdogAction, WatchedDevice } from "../types";
import { actionsFor, fieldsOf, kindsFor, parseTarget, probeRequestOf } from "../watchdog-logic";
import { LightElement } from "./light-element";

const kindNames: Record<ProbeKind, string> = { Ping: "ICMP ping", Tcp: "TCP connect", Http: "HTTP GET", Mqtt: "MQTT liveness" };
const actionNames: Record<WatchdogAction, string> = { AlertOnly: "alert only", RestartPlug: "restart the plug", PowerCycle: "power-cycle" };

/**
 * Adds a probe, or edits one when `probe` is set. The fields follow the kind and the target; the API judges the rest,
 * and its refusal is shown above the buttons with everything typed kept. Fires `saved` once the hub stored it.
 */
export class ProbeForm extends LightElement {
  // The owning section hands in fresh lists after every load; these must re-render when it does.
  static override properties = { devices: { attribute: false } };

  plugId = 0;
  devices: WatchedDevice[] = [];
  probe: Probe | null = null;
  private target = "plug";
  private kind: ProbeKind = "Tcp";
  private error: string | null = null;
  private busy = false;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.probe) {
      this.target = this.probe.deviceId === null ? "plug" : `device:${this.probe.deviceId}`;
      this.kind = this.probe.kind;
    }
  }

  /** An edit opens below the table: take the keyboard there, which also scrolls it into view. */
  protected override firstUpdated(): void {
    if (this.probe) this.querySelector("select")?.focus();
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const body = probeRequestOf((name) => String(data.get(name) ?? "").trim(), this.plugId, data.get("enabled") !== null);
    this.busy = true;
    this.requestUpdate();
    try {
      if (this.probe) await api("PUT", `/api/watchdog/probes/${this.probe.id}`, body);
      else await api("POST", "/api/watchdog/probes", body);
      notify(this.probe ? "Probe saved." : "Probe added.");
      this.error = null;
      if (!this.probe) form.reset();
      this.dispatchEvent(new CustomEvent("saved"));
    } catch (err) {
      this.error = messageOf(err);
    }
    this.busy = false;
    this.requestUpdate();
  }

  private choose(e: Event): void {
    const select = e.target as HTMLSelectElement;
    if (select.name === "target") this.target = select.value;
    else this.kind = select.value as ProbeKind;
    this.requestUpdate();
  }

  private number(label: string, name: string, value: number | null | undefined, placeholder: string) {
    return html`<label>${label} <input name=${name} type="number" inputmode="numeric" .value=${value == null ? "" : String(value)}
      placeholder=${placeholder}></label>`;
  }

  protected override render() {
    const p = this.probe;
    const target = parseTarget(this.target, this.plugId);
    const kinds = kindsFor(target);
    const kind = kinds.includes(this.kind) ? this.kind : "Tcp";
    const fields = fieldsOf(kind);
    const name = p ? `Edit probe ${p.id}` : "Add probe";
    return html`
      <form class="edit probe-form" aria-label=${name} @submit=${this.submit}>
        <label>Target <select name="target" @change=${this.choose}>
          <option value="plug" ?selected=${this.target === "plug"}>this plug</option>
          ${this.devices.map((d) => html`<option value="device:${d.id}" ?selected=${this.target === `device:${d.id}`}>${d.name} (${d.host})</option>`)}
        </select></label>
        <label>Check <select name="kind" @change=${this.choose}>
          ${kinds.map((k) => html`<option value=${k} ?selected=${k === kind}>${kindNames[k]}</option>`)}
        </select></label>
        ${fields.port ? this.number("Port", "port", p?.port, kind === "Http" ? "80" : "required") : nothing}
        ${fields.http ? html`<label>Path <input name="path" .value=${p?.path ?? ""} placeholder="/"></label>
          ${this.number("Expected status", "expectedStatus", p?.expectedStatus, "200")}` : nothing}
        ${fields.silence ? this.number("Silent for at most (s)", "maxSilenceSeconds", p?.maxSilenceSeconds, "180") : nothing}
        ${this.number("Every (s)", "intervalSeconds", p?.intervalSeconds, "30")}
        ${this.number("While down, every (s)", "downIntervalSeconds", p?.downIntervalSeconds, "10")}
        ${this.number("Timeout (s)", "timeoutSeconds", p?.timeoutSeconds, "5")}
        ${this.number("Down after failures", "failuresToTrip", p?.failuresToTrip, "3")}
        ${this.number("Out of the last", "window", p?.window, "5")}
        <label>When down <select name="onDown">
          ${actionsFor(target).map((a) => html`<option value=${a} ?selected=${p?.onDown === a}>${actionNames[a]}</option>`)}
        </select></label>
        <label class="check"><input name="enabled" type="checkbox" .checked=${p?.enabled ?? true}> Enabled</label>
        ${this.error ? html`<p class="error form-error" role="alert">${this.error}</p>` : nothing}
        <button type="submit" class="primary" ?disabled=${this.busy}>${p ? "Save probe" : "Add probe"}</button>
        ${p ? html`<button type="button" @click=${() => this.dispatchEvent(new CustomEvent("cancel"))}>Cancel</button>` : nothing}
      </form>`;
  }
}

customElements.define("hub-probe-form", ProbeForm);
