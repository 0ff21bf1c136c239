import { html, nothing } from "lit";
import { api, get } from "../api";
import { parseWatts } from "../fleet-energy-logic";
import { notify } from "../notices";
import { messageOf } from "../problem";
import { LightElement } from "./light-element";

interface MaxPowerView {
  plugId: number;
  maxPowerW: number;
  isDefault: boolean;
}

/**
 * The most power the plug can draw, which the energy ingest uses to tell a counter glitch from real use: the plug's own
 * value or the fleet default (Energy:MaxPowerW). A refusal from the API is shown beside the field, with what was typed
 * left in it.
 */
export class PlugMaxPower extends LightElement {
  plugId = 0;
  private value: MaxPowerView | null = null;
  private error: string | null = null;
  private busy = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.value = await get<MaxPowerView>(`/api/energy/plugs/${this.plugId}/max-power`);
      this.error = null;
    } catch (e) {
      // A plug that has never sent a reading is unknown to the energy module (404); its text says so.
      this.error = messageOf(e);
    }
    this.requestUpdate();
  }

  private async save(e: Event): Promise<void> {
    e.preventDefault();
    const typed = String(new FormData(e.target as HTMLFormElement).get("maxPowerW") ?? "");
    const watts = parseWatts(typed);
    if (watts === undefined) {
      this.error = "Enter the maximum power in watts, for example 3680.";
      this.requestUpdate();
      return;
    }
    await this.send(watts, `Maximum power set to ${watts} W.`);
  }

  private async send(maxPowerW: number | null, done: string): Promise<void> {
    this.busy = true;
    this.requestUpdate();
    try {
      this.value = await api<MaxPowerView>("PUT", `/api/energy/plugs/${this.plugId}/max-power`, { maxPowerW });
      this.error = null;
      notify(done);
    } catch (err) {
      this.error = messageOf(err);
    }
    this.busy = false;
    this.requestUpdate();
  }

  protected override render() {
    const v = this.value;
    return html`
      <h2>Maximum power</h2>
      <p class="muted">Counter jumps that would need more power than this are ignored as meter glitches.</p>
      ${v ? html`<p data-testid="max-power">In force: <strong data-testid="max-power-value">${v.maxPowerW} W</strong>
        (<span data-testid="max-power-source">${v.isDefault ? "fleet default" : "this plug's own"}</span>)</p>` : nothing}
      <form class="edit" aria-label="Maximum power" @submit=${this.save}>
        <label>Maximum power (W) <input name="maxPowerW" inputmode="decimal" aria-describedby="max-power-error"
          .value=${v && !v.isDefault ? String(v.maxPowerW) : ""} placeholder=${v?.isDefault ? `default: ${v.maxPowerW} W` : ""}></label>
        ${this.error ? html`<p class="error form-error" role="alert" id="max-power-error" data-testid="max-power-error">${this.error}</p>` : nothing}
        <button type="submit" class="primary" ?disabled=${this.busy}>Save maximum power</button>
        ${v && !v.isDefault ? html`<button type="button" ?disabled=${this.busy}
          @click=${() => this.send(null, "The plug uses the fleet default maximum power.")}>Use the fleet default</button>` : nothing}
      </form>`;
  }
}

customElements.define("hub-plug-max-power", PlugMaxPower);
