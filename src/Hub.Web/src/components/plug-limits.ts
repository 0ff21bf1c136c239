import { html, nothing } from "lit";
import { parseLimit } from "../alert-logic";
import { api, get } from "../api";
import { notify } from "../notices";
import { messageOf } from "../problem";
import type { AlertRulesView, PlugLimitsView } from "../types";
import { LightElement } from "./light-element";

type Field = "powerLimitW" | "offlineAfterSeconds" | "dailyEnergyBudgetKwh";

const fields: { key: Field; label: string; unit: string; threshold: string; integer: boolean }[] = [
  { key: "powerLimitW", label: "Power limit", unit: "W", threshold: "PowerLimitW", integer: false },
  { key: "offlineAfterSeconds", label: "Offline after", unit: "s", threshold: "OfflineAfterSeconds", integer: true },
  { key: "dailyEnergyBudgetKwh", label: "Daily energy budget", unit: "kWh", threshold: "DailyEnergyBudgetKwh", integer: false },
];

/**
 * A plug's own alert limits over the fleet defaults: an empty field uses the default, shown as its placeholder.
 * The API checks the ranges; its ProblemDetails text is shown next to the form.
 */
export class PlugLimits extends LightElement {
  plugId = 0;
  private limits: PlugLimitsView | null = null;
  private defaults = new Map<string, number | null>();
  private error: string | null = null;
  private busy = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const [limits, rules] = await Promise.all([
        get<PlugLimitsView>(`/api/alerts/limits/${this.plugId}`),
        get<AlertRulesView>("/api/alerts/rules"),
      ]);
      this.limits = limits;
      this.defaults = new Map(rules.rules.flatMap((r) => r.thresholds).map((t) => [t.key, t.value]));
      this.error = null;
    } catch (e) {
      this.error = messageOf(e);
    }
    this.requestUpdate();
  }

  private async save(e: Event): Promise<void> {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const body: Partial<Record<Field, number | null>> = {};
    for (const f of fields) {
      const value = parseLimit(String(data.get(f.key) ?? ""));
      if (value === undefined || (f.integer && value !== null && !Number.isInteger(value))) {
        this.error = `${f.label}: enter a positive ${f.integer ? "whole " : ""}number, or leave it empty for the default.`;
        this.requestUpdate();
        return;
      }
      body[f.key] = value;
    }
    await this.send(async () => {
      this.limits = await api<PlugLimitsView>("PUT", `/api/alerts/limits/${this.plugId}`, body);
      notify("Alert limits saved.");
    });
  }

  private async reset(): Promise<void> {
    await this.send(async () => {
      await api("DELETE", `/api/alerts/limits/${this.plugId}`);
      notify("The plug uses the fleet's alert limits.");
      await this.load();
    });
  }

  private async send(work: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.requestUpdate();
    try {
      await work();
      this.error = null;
    } catch (err) {
      this.error = messageOf(err);
    }
    this.busy = false;
    this.requestUpdate();
  }

  private placeholder(threshold: string, unit: string): string {
    const value = this.defaults.get(threshold);
    return value == null ? "default: off" : `default: ${value} ${unit}`;
  }

  protected override render() {
    const l = this.limits;
    const own = l && (l.powerLimitW ?? l.offlineAfterSeconds ?? l.dailyEnergyBudgetKwh) !== null;
    const inForce = l ? [
      l.effectivePowerLimitW === null ? "no power limit" : `above ${l.effectivePowerLimitW} W`,
      `offline for ${l.effectiveOfflineAfterSeconds} s`,
      l.effectiveDailyEnergyBudgetKwh === null ? "no daily budget" : `more than ${l.effectiveDailyEnergyBudgetKwh} kWh a day`,
    ].join(", ") : "";
    return html`
      <h2>Alert limits</h2>
      ${l ? html`<p class="muted" data-testid="limits-in-force">Alerts when: ${inForce}.</p>` : nothing}
      ${this.error ? html`<p class="error" role="alert" data-testid="limits-error">${this.error}</p>` : nothing}
      <form class="edit" aria-label="Alert limits" @submit=${this.save}>
        ${fields.map((f) => html`<label>${f.label} (${f.unit}) <input name=${f.key} inputmode="decimal"
          .value=${l?.[f.key] == null ? "" : String(l[f.key])} placeholder=${this.placeholder(f.threshold, f.unit)}></label>`)}
        <button type="submit" class="primary" ?disabled=${this.busy || !l}>Save limits</button>
        ${own ? html`<button type="button" ?disabled=${this.busy} @click=${() => this.reset()}>Use the fleet defaults</button>` : nothing}
      </form>`;
  }
}

customElements.define("hub-plug-limits", PlugLimits);
