import { html, nothing } from "lit";
import { live } from "lit/directives/live.js";
import { api, get } from "../api";
import { notify, notifyError } from "../notices";
import { messageOf } from "../problem";
import {
  describePeriods, describeWeekdays, nextPeriod, periodsOf, timeOf, toggleWeekday, weekdayNames, wholeWeek, type PeriodDraft,
} from "../tariff-logic";
import type { TariffView } from "../types";
import { LightElement } from "../components/light-element";

/**
 * Tariffs by start date. The form makes a flat tariff (one period, every day, all day) or a time-of-use one (periods
 * with their weekdays, start and end on whole hours, and price); the API checks that the periods cover every hour of
 * the week once and its reason is shown beside the form, with everything typed kept.
 */
export class SettingsTariffs extends LightElement {
  private tariffs: TariffView[] = [];
  private periods: PeriodDraft[] = [wholeWeek()];
  private error: string | null = null;
  private formError: string | null = null;
  private busy = false;

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
    this.busy = true;
    this.requestUpdate();
    try {
      await api("POST", "/api/energy/tariffs", {
        validFrom: text("validFrom"),
        currency: text("currency").toUpperCase(),
        dailyFee: Number(text("dailyFee") || "0"),
        periods: periodsOf(this.periods),
      });
      form.reset();
      this.periods = [wholeWeek()];
      this.formError = null;
      notify("Tariff added.");
      await this.load();
    } catch (err) {
      this.formError = messageOf(err);
    }
    this.busy = false;
    this.requestUpdate();
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

  private change(index: number, change: Partial<PeriodDraft>): void {
    this.periods = this.periods.map((p, i) => (i === index ? { ...p, ...change } : p));
    this.requestUpdate();
  }

  /** live(): after a reset the inputs are empty while the drafts are not, so they are compared with the page. */
  private period(p: PeriodDraft, index: number) {
    const value = (e: Event) => (e.target as HTMLInputElement).value;
    return html`<fieldset class="edit period">
      <legend>Period ${index + 1}</legend>
      ${weekdayNames.map((day, bit) => html`<label class="check"><input type="checkbox" .checked=${live((p.weekdays & (1 << bit)) !== 0)}
        @change=${() => this.change(index, { weekdays: toggleWeekday(p.weekdays, bit) })}> ${day}</label>`)}
      <label>Starts <input type="time" step="3600" required .value=${live(p.start)} @input=${(e: Event) => this.change(index, { start: value(e) })}></label>
      <label>Ends (00:00 = midnight) <input type="time" step="3600" required .value=${live(p.end)}
        @input=${(e: Event) => this.change(index, { end: value(e) })}></label>
      <label>Price per kWh <input type="number" required min="0" step="0.0001" .value=${live(p.price)}
        @input=${(e: Event) => this.change(index, { price: value(e) })}></label>
      ${this.periods.length > 1 ? html`<button type="button" class="ghost" aria-label="Remove period ${index + 1}" @click=${() => {
        this.periods = this.periods.filter((_, i) => i !== index);
        this.requestUpdate();
      }}>Remove</button>` : nothing}
    </fieldset>`;
  }

  protected override render() {
    return html`
      <h2>Tariffs</h2>
      <p class="muted">Energy costs use the tariff in force on each day. One period on every day from 00:00 to midnight is a
        flat tariff; time-of-use periods must cover every hour of the week exactly once.</p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <form class="edit tariff-form" @submit=${this.create} aria-label="Add tariff">
        <label>From <input name="validFrom" type="date" required></label>
        <label>Currency <input name="currency" required pattern="[A-Za-z]{3}" maxlength="3" size="4" value="EUR"></label>
        <label>Daily fee <input name="dailyFee" type="number" min="0" max="1000" step="0.01" value="0"></label>
        ${this.periods.map((p, i) => this.period(p, i))}
        ${this.formError ? html`<p class="error form-error" role="alert">${this.formError}</p>` : nothing}
        <button type="button" @click=${() => {
          this.periods = [...this.periods, nextPeriod(this.periods.at(-1))];
          this.requestUpdate();
        }}>Add period</button>
        <button type="submit" class="primary" ?disabled=${this.busy}>Add tariff</button>
      </form>
      <div class="table-wrap">
        <table class="tariffs">
          <thead><tr><th scope="col">From</th><th scope="col">Price</th><th scope="col">Periods</th><th scope="col">Daily fee</th>
            <th scope="col"></th></tr></thead>
          <tbody>${this.tariffs.map((t) => html`<tr data-tariff=${t.validFrom}>
            <td>${t.validFrom}</td><td>${describePeriods(t)}</td>
            <td>${t.periods.map((p) => html`<div>${describeWeekdays(p.weekdays)} ${timeOf(p.startMinute)}–${timeOf(p.endMinute)}:
              ${p.pricePerKwh}</div>`)}</td>
            <td>${t.dailyFee} ${t.currency}</td>
            <td><button type="button" class="ghost" aria-label="Delete tariff from ${t.validFrom}" @click=${() => this.removeTariff(t)}>Delete</button></td>
          </tr>`)}</tbody>
        </table>
        ${this.tariffs.length === 0 && !this.error ? html`<p class="muted">No tariff: costs are not shown.</p>` : nothing}
      </div>`;
  }
}

customElements.define("hub-settings-tariffs", SettingsTariffs);
