import { html, nothing } from "lit";
import { applyAlertChange } from "../alert-logic";
import { api, get } from "../api";
import { formatTime } from "../format";
import { live } from "../live";
import { notify, notifyError } from "../notices";
import { messageOf } from "../problem";
import type { AlertChannelKind, AlertRulesView, AlertState, AlertThreshold, AlertView, ChannelView } from "../types";
import { LightElement } from "../components/light-element";

type Tab = "active" | "acknowledged" | "resolved";

const tabs: { tab: Tab; label: string; state: AlertState }[] = [
  { tab: "active", label: "Active", state: "Active" },
  { tab: "acknowledged", label: "Acknowledged", state: "Acknowledged" },
  { tab: "resolved", label: "History", state: "Resolved" },
];

const stateOf = (tab: Tab): AlertState => tabs.find((t) => t.tab === tab)!.state;

function threshold(t: AlertThreshold) {
  const value = t.value === null ? "off" : `${t.value}${t.unit ? ` ${t.unit}` : ""}`;
  return html`<span class="threshold" data-threshold=${t.key}>${t.label}: <strong>${value}</strong>${t.perPlug
    ? html` <span class="muted">(per plug)</span>` : nothing}</span>`;
}

/**
 * Alerts by state, acknowledging, the rules that raise them, and the channels they go out on, each with a test
 * button. Alert changes arrive on the live connection; the lists are only fetched on opening a tab and after a
 * reconnect, when pushes may have been missed.
 */
export class AlertsPage extends LightElement {
  private tab: Tab = "active";
  private alerts: AlertView[] = [];
  private channels: ChannelView[] = [];
  private kind: AlertChannelKind = "Mqtt";
  private error: string | null = null;
  private loaded = false;
  private rules: AlertRulesView | null = null;
  /** Changes pushed while a list was being fetched: the answer may predate them, so they are applied to it again. */
  private pushedDuringLoad: AlertView[] | null = null;
  private readonly testResult = new Map<number, string>();
  private readonly cleanup: (() => void)[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = "Alerts · Hub";
    this.cleanup.push(
      live.onAlertChanged((change) => {
        this.pushedDuringLoad?.push(change.alert);
        this.alerts = applyAlertChange(this.alerts, stateOf(this.tab), change.alert);
        this.requestUpdate();
      }),
      live.onReconnected(() => void this.load()),
    );
    void this.load();
    void this.loadChannels();
    void this.loadRules();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const c of this.cleanup.splice(0)) c();
  }

  private async loadRules(): Promise<void> {
    try {
      this.rules = await get<AlertRulesView>("/api/alerts/rules");
    } catch (e) {
      notifyError(e);
    }
    this.requestUpdate();
  }

  private async load(): Promise<void> {
    const tab = this.tab;
    const pushed: AlertView[] = [];
    this.pushedDuringLoad = pushed;
    try {
      const alerts = await get<AlertView[]>(`/api/alerts?state=${tab}&limit=500`);
      // A slow answer for the tab the user just left must not replace the list of the one now shown.
      if (tab !== this.tab) return;
      this.alerts = pushed.reduce((list, a) => applyAlertChange(list, stateOf(tab), a), alerts);
      this.error = null;
    } catch (e) {
      if (tab !== this.tab) return;
      this.error = messageOf(e);
    } finally {
      if (this.pushedDuringLoad === pushed) this.pushedDuringLoad = null;
    }
    this.loaded = true;
    this.requestUpdate();
  }

  private async loadChannels(): Promise<void> {
    try {
      this.channels = await get<ChannelView[]>("/api/alerts/channels");
    } catch (e) {
      notifyError(e);
    }
    this.requestUpdate();
  }

  private show(tab: Tab): void {
    this.tab = tab;
    this.loaded = false;
    this.alerts = [];
    void this.load();
  }

  private async acknowledge(a: AlertView): Promise<void> {
    try {
      // The answer is the alert as it now is; the same change also arrives pushed, and applying it twice is harmless.
      const acknowledged = await api<AlertView>("POST", `/api/alerts/${a.id}/acknowledge`);
      this.alerts = applyAlertChange(this.alerts, stateOf(this.tab), acknowledged);
      notify(`Acknowledged "${a.title}".`);
      this.requestUpdate();
    } catch (err) {
      notifyError(err);
    }
  }

  private async test(c: ChannelView): Promise<void> {
    this.testResult.set(c.id, "sending…");
    this.requestUpdate();
    try {
      await api("POST", `/api/alerts/channels/${c.id}/test`);
      this.testResult.set(c.id, "Delivered");
    } catch (err) {
      // 502 carries the sender's error in its ProblemDetails: that is what the owner needs to fix the channel.
      this.testResult.set(c.id, messageOf(err));
    }
    this.requestUpdate();
  }

  private async removeChannel(c: ChannelView): Promise<void> {
    if (!confirm(`Remove the channel "${c.name}"?`)) return;
    try {
      await api("DELETE", `/api/alerts/channels/${c.id}`);
      await this.loadChannels();
    } catch (err) {
      notifyError(err);
    }
  }

  private async addChannel(e: Event): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const text = (key: string) => String(data.get(key) ?? "").trim() || null;
    try {
      await api<ChannelView>("POST", "/api/alerts/channels", {
        name: text("name"), kind: this.kind, minSeverity: text("minSeverity") ?? "Warning",
        url: text("url"), secret: text("secret"), topic: text("topic"),
        smtpHost: text("smtpHost"), smtpPort: text("smtpPort") ? Number(text("smtpPort")) : null,
        smtpUser: text("smtpUser"), smtpPassword: text("smtpPassword"), mailFrom: text("mailFrom"), mailTo: text("mailTo"),
      });
      form.reset();
      notify("Channel added.");
      await this.loadChannels();
    } catch (err) {
      notifyError(err);
    }
  }

  private alertTable() {
    return html`
      <div class="table-wrap">
        <table class="alerts">
          <thead><tr><th scope="col">Severity</th><th scope="col">Alert</th><th scope="col">Plug</th><th scope="col">Raised</th>
            <th scope="col">Times</th><th scope="col">${this.tab === "resolved" ? "Resolved" : this.tab === "acknowledged" ? "Acknowledged" : ""}</th></tr></thead>
          <tbody>${this.alerts.map((a) => html`<tr data-alert=${a.key}>
            <td><span class="badge severity-${a.severity.toLowerCase()}">${a.severity}</span></td>
            <td><strong>${a.title}</strong><br><span class="muted">${a.cause}</span></td>
            <td>${a.plugId != null ? html`<a href="/plugs/${a.plugId}">plug ${a.plugId}</a>` : a.deviceId != null ? `device ${a.deviceId}` : "–"}</td>
            <td>${formatTime(a.raisedAt)}${a.lastRaisedAt !== a.raisedAt ? html`<br><span class="muted">last ${formatTime(a.lastRaisedAt)}</span>` : nothing}</td>
            <td class="num">${a.occurrences}</td>
            <td>${a.state === "Active" ? html`<button type="button" aria-label="Acknowledge ${a.title}" @click=${() => this.acknowledge(a)}>Acknowledge</button>`
              : a.state === "Acknowledged" ? html`${a.acknowledgedBy ?? "?"}<br><span class="muted">${formatTime(a.acknowledgedAt)}</span>`
              : formatTime(a.resolvedAt)}</td>
          </tr>`)}</tbody>
        </table>
        ${this.loaded && this.alerts.length === 0 && !this.error ? html`<p class="muted" data-testid="no-alerts">Nothing here.</p>` : nothing}
      </div>`;
  }

  private rulesTable() {
    const r = this.rules;
    if (!r) return nothing;
    return html`
      <h2>Rules</h2>
      <p class="muted">The rules run in the hub and are set in its configuration (the <code>Alerts</code> section). A
        condition must stay clear ${r.recoveryHoldSeconds} s before its alert resolves; repeats are announced at most
        ${r.maxRepeatNotifications} times. Thresholds marked "per plug" can be changed on a plug's page.</p>
      <div class="table-wrap">
        <table class="rules">
          <thead><tr><th scope="col">Rule</th><th scope="col">Severity</th><th scope="col">Thresholds</th>
            <th scope="col">Plugs with their own</th></tr></thead>
          <tbody>${r.rules.map((x) => html`<tr data-rule=${x.rule}>
            <td>${x.title}${x.enabled ? nothing : html` <span class="badge">off</span>`}</td>
            <td><span class="badge severity-${x.severity.toLowerCase()}">${x.severity}</span></td>
            <td>${x.thresholds.length ? x.thresholds.map((t, i) => html`${i ? html`<br>` : nothing}${threshold(t)}`) : "–"}</td>
            <td class="num">${x.plugOverrides || "–"}</td>
          </tr>`)}</tbody>
        </table>
      </div>`;
  }

  private channelForm() {
    const k = this.kind;
    return html`
      <form class="edit" @submit=${this.addChannel} aria-label="Add channel">
        <label>Name <input name="name" required maxlength="100"></label>
        <label>Kind <select name="kind" @change=${(e: Event) => { this.kind = (e.target as HTMLSelectElement).value as AlertChannelKind; this.requestUpdate(); }}>
          ${(["Mqtt", "Webhook", "Email"] as const).map((x) => html`<option ?selected=${x === k}>${x}</option>`)}</select></label>
        <label>From severity <select name="minSeverity">
          <option>Info</option><option selected>Warning</option><option>Critical</option></select></label>
        ${k === "Mqtt" ? html`<label>Topic (empty: the hub's alert topic) <input name="topic" maxlength="200"></label>` : nothing}
        ${k === "Webhook" ? html`<label>URL <input name="url" type="url" required maxlength="2000"></label>
          <label>Signing secret <input name="secret" type="password" maxlength="200" autocomplete="off"></label>` : nothing}
        ${k === "Email" ? html`<label>SMTP host <input name="smtpHost" required maxlength="253"></label>
          <label>Port <input name="smtpPort" type="number" min="1" max="65535"></label>
          <label>User <input name="smtpUser" maxlength="200" autocomplete="off"></label>
          <label>Password <input name="smtpPassword" type="password" maxlength="200" autocomplete="off"></label>
          <label>From <input name="mailFrom" type="email" required maxlength="200"></label>
          <label>To <input name="mailTo" required maxlength="2000"></label>` : nothing}
        <button type="submit" class="primary">Add channel</button>
      </form>`;
  }

  protected override render() {
    return html`
      <section class="page wide">
        <h1>Alerts</h1>
        <div class="actions" role="tablist">${tabs.map((t) => html`<button type="button" role="tab"
          aria-selected=${t.tab === this.tab ? "true" : "false"} class=${t.tab === this.tab ? "primary" : ""}
          @click=${() => this.show(t.tab)}>${t.label}</button>`)}</div>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        ${this.alertTable()}
        ${this.rulesTable()}
        <h2>Channels</h2>
        <p class="muted">Where alerts go.</p>
        <div class="table-wrap">
          <table class="channels">
            <thead><tr><th scope="col">Name</th><th scope="col">Kind</th><th scope="col">Where</th><th scope="col">From</th>
              <th scope="col">Enabled</th><th scope="col"></th></tr></thead>
            <tbody>${this.channels.map((c) => html`<tr data-channel=${c.name}>
              <td>${c.name}</td><td>${c.kind}</td><td>${c.url ?? c.topic ?? c.mailTo ?? "default topic"}</td>
              <td>${c.minSeverity}</td><td>${c.enabled ? "yes" : "no"}</td>
              <td><button type="button" aria-label="Test ${c.name}" @click=${() => this.test(c)}>Test</button>
                <button type="button" class="ghost" aria-label="Remove ${c.name}" @click=${() => this.removeChannel(c)}>Remove</button>
                ${this.testResult.has(c.id) ? html`<div data-testid="test-result">${this.testResult.get(c.id)}</div>` : nothing}</td>
            </tr>`)}</tbody>
          </table>
          ${this.channels.length === 0 ? html`<p class="muted">No channel yet: alerts are only shown here.</p>` : nothing}
        </div>
        ${this.channelForm()}
      </section>`;
  }
}

customElements.define("hub-alerts-page", AlertsPage);
