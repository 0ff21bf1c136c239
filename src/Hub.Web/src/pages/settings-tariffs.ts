import { html, nothing } from "lit";
import { api, get } from "../api";
import { notify, notifyError } from "../notices";
import { messageOf } from "../problem";
import type { TariffView } from "../types";
import { LightElement } from "../components/light-element";

const everyDay = 127;
const dayMinutes = 1440;

function describePeriods(t: TariffView): string {
  const [first] = t.periods;
  if (t.periods.length === 1 && first.weekdays === everyDay && first.startMinute === 0 && first.endMinute === dayMinutes) {
    return `${first.pricePerKwh} ${t.currency}/kWh, flat`;
  }
  return `${t.periods.length} time-of-use periods, ${Math.min(...t.periods.map((p) => p.pricePerKwh))}–`
    + `${Math.max(...t.periods.map((p) => p.pricePerKwh))} ${t.currency}/kWh`;
}

/** Tariffs by start date. The form adds a flat tariff; time-of-use tariffs are added through the API. */
export class SettingsTariffs extends LightElement {
  private tariffs: TariffView[] = [];
  private error: string | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.tariffs = await get<TariffView[]>("/api/energy/tariffs");
      this.error = null;
    } catch (e) {
      this.error = messageOf(e);
    }
    this.requestUpdate();
  }

  private async create(e: Event): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const text = (key: string) => String(data.get(key) ?? "").trim();
    try {
      await api("POST", "/api/energy/tariffs", {
        validFrom: text("validFrom"),
        currency: text("currency").toUpperCase(),
        dailyFee: Number(text("dailyFee") || "0"),
        periods: [{ weekdays: everyDay, startMinute: 0, endMinute: dayMinutes, pricePerKwh: Number(text("price")) }],
      });
      form.reset();
      notify("Tariff added.");
      await this.load();
    } catch (err) {
      notifyError(err);
    }
  }

  private async removeTariff(t: TariffView): Promise<void> {
    if (!confirm(`Delete the tariff from ${t.validFrom}?`)) return;
    try {
      await api("DELETE", `/api/energy/tariffs/${t.id}`);
      await this.load();
    } catch (err) {
      notifyError(err);
    }
  }

  protected override render() {
    return html`
      <h2>Tariffs</h2>
      <p class="muted">Energy costs use the tariff in force on each day. Time-of-use tariffs: <code>POST /api/energy/tariffs</code>.</p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <form class="edit" @submit=${this.create} aria-label="Add tariff">
        <label>From <input name="validFrom" type="date" required></label>
        <label>Currency <input name="currency" required pattern="[A-Za-z]{3}" maxlength="3" size="4" value="EUR"></label>
        <label>Price per kWh <input name="price" type="number" required min="0" max="1000" step="0.0001"></label>
        <label>Daily fee <input name="dailyFee" type="number" min="0" max="1000" step="0.01" value="0"></label>
        <button type="submit" class="primary">Add tariff</button>
      </form>
      <div class="table-wrap">
        <table class="tariffs">
          <thead><tr><th scope="col">From</th><th scope="col">Price</th><th scope="col">Daily fee</th><th scope="col"></th></tr></thead>
          <tbody>${this.tariffs.map((t) => html`<tr data-tariff=${t.validFrom}>
            <td>${t.validFrom}</td><td>${describePeriods(t)}</td><td>${t.dailyFee} ${t.currency}</td>
            <td><button type="button" class="ghost" aria-label="Delete tariff from ${t.validFrom}" @click=${() => this.removeTariff(t)}>Delete</button></td>
          </tr>`)}</tbody>
        </table>
        ${this.tariffs.length === 0 && !this.error ? html`<p class="muted">No tariff: costs are not shown.</p>` : nothing}
      </div>`;
  }
}

customElements.define("hub-settings-tariffs", SettingsTariffs);
