import { html, nothing } from "lit";
import { upsertAlert } from "../alert-logic";
import { api, get } from "../api";
import { formatTime } from "../format";
import { live } from "../live";
import { notify } from "../notices";
import { messageOf } from "../problem";
import type { AlertView } from "../types";
import { LightElement } from "./light-element";

const recentShown = 10;

/**
 * One plug's alerts: the open ones (active, acknowledged) and the latest resolved. Changes arrive on the live
 * connection; the lists are fetched on opening and after a reconnect, when pushes may have been missed.
 */
export class PlugAlerts extends LightElement {
  plugId = 0;
  private alerts: AlertView[] = [];
  private error: string | null = null;
  private loaded = false;
  /** Changes pushed while the lists were being fetched: the answer may predate them, so they are applied again. */
  private pushedDuringLoad: AlertView[] | null = null;
  private readonly cleanup: (() => void)[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    this.cleanup.push(
      live.onAlertChanged(({ alert }) => {
        if (alert.plugId !== this.plugId) return;
        this.pushedDuringLoad?.push(alert);
        this.alerts = upsertAlert(this.alerts, alert);
        this.requestUpdate();
      }),
      live.onReconnected(() => void this.load()),
    );
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const c of this.cleanup.splice(0)) c();
  }

  private async load(): Promise<void> {
    const pushed: AlertView[] = [];
    this.pushedDuringLoad = pushed;
    try {
      // Open alerts may be older than the latest resolved ones, so they are asked for on their own.
      const [open, resolved] = await Promise.all([
        get<AlertView[]>(`/api/alerts?plugId=${this.plugId}&state=open&limit=200`),
        get<AlertView[]>(`/api/alerts?plugId=${this.plugId}&state=resolved&limit=${recentShown}`),
      ]);
      this.alerts = [...pushed].reduce(upsertAlert, upsertAlertsOf(open, resolved));
      this.error = null;
    } catch (e) {
      this.error = messageOf(e);
    } finally {
      if (this.pushedDuringLoad === pushed) this.pushedDuringLoad = null;
    }
    this.loaded = true;
    this.requestUpdate();
  }

  private async acknowledge(a: AlertView): Promise<void> {
    try {
      // The same change also arrives pushed; applying it twice is harmless.
      this.alerts = upsertAlert(this.alerts, await api<AlertView>("POST", `/api/alerts/${a.id}/acknowledge`));
      this.error = null;
      notify(`Acknowledged "${a.title}".`);
    } catch (err) {
      this.error = messageOf(err);
    }
    this.requestUpdate();
  }

  private row(a: AlertView) {
    return html`<tr data-alert=${a.key} data-state=${a.state}>
      <td><span class="badge severity-${a.severity.toLowerCase()}">${a.severity}</span></td>
      <td><strong>${a.title}</strong><br><span class="muted">${a.cause}</span></td>
      <td>${formatTime(a.raisedAt)}${a.lastRaisedAt !== a.raisedAt ? html`<br><span class="muted">last ${formatTime(a.lastRaisedAt)}</span>` : nothing}</td>
      <td class="num">${a.occurrences}</td>
      <td>${a.state === "Active" ? html`<button type="button" aria-label="Acknowledge ${a.title}" @click=${() => this.acknowledge(a)}>Acknowledge</button>`
        : a.state === "Acknowledged" ? html`acknowledged by ${a.acknowledgedBy ?? "?"}<br><span class="muted">${formatTime(a.acknowledgedAt)}</span>`
        : html`resolved ${formatTime(a.resolvedAt)}`}</td>
    </tr>`;
  }

  private table(label: string, testId: string, alerts: AlertView[], empty: string) {
    return html`
      <div class="table-wrap">
        <table class="alerts" aria-label=${label} data-testid=${testId}>
          <thead><tr><th scope="col">Severity</th><th scope="col">Alert</th><th scope="col">Raised</th>
            <th scope="col">Times</th><th scope="col">State</th></tr></thead>
          <tbody>${alerts.map((a) => this.row(a))}</tbody>
        </table>
        ${this.loaded && alerts.length === 0 && !this.error ? html`<p class="muted">${empty}</p>` : nothing}
      </div>`;
  }

  protected override updated(): void {
    // Tests and assistive tools can tell a list still being fetched from an empty one.
    this.setAttribute("aria-busy", this.loaded ? "false" : "true");
  }

  protected override render() {
    const open = this.alerts.filter((a) => a.state !== "Resolved");
    const recent = this.alerts.filter((a) => a.state === "Resolved").slice(0, recentShown);
    return html`
      <h2>Alerts</h2>
      ${this.error ? html`<p class="error" role="alert" data-testid="plug-alerts-error">${this.error}</p>` : nothing}
      ${this.table("Open alerts", "plug-open-alerts", open, "No open alerts.")}
      <h3>Recently resolved</h3>
      ${this.table("Recently resolved alerts", "plug-resolved-alerts", recent, "None.")}
      <p><a href="/alerts">All alerts</a></p>`;
  }
}

function upsertAlertsOf(...lists: AlertView[][]): AlertView[] {
  return lists.flat().reduce(upsertAlert, [] as AlertView[]);
}

customElements.define("hub-plug-alerts", PlugAlerts);
