import { html, nothing } from "lit";
import { keyed } from "lit/directives/keyed.js";
import { api, get } from "../api";
import { live, type LiveState } from "../live";
import { currentNotices, dismiss, notifyError, onNotices } from "../notices";
import { interceptLinks, onNavigate, parseRoute, type Route } from "../router";
import { session } from "../session";
import type { AlertView } from "../types";
import { LightElement } from "./light-element";
import "../pages/fleet-page";
import "../pages/plug-page";
import "../pages/discovery-page";
import "../pages/settings-page";
import "../pages/firmware-page";
import "../pages/rollouts-page";
import "../pages/rollout-wizard";
import "../pages/rollout-page";
import "../pages/alerts-page";
import "../pages/energy-page";
import "../pages/profiles-page";

/** The shell: navigation, who is signed in, the live connection's marker, notices, and the current page. */
export class HubApp extends LightElement {
  private route: Route = parseRoute(location.pathname);
  private user: string | null = null;
  private liveState: LiveState = live.state;
  /** Active (unacknowledged) alerts, for the badge; null until known. */
  private activeAlerts: number | null = null;
  private alertPushes = 0;
  private readonly cleanup: (() => void)[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    interceptLinks(this);
    this.cleanup.push(
      onNavigate(() => {
        this.route = parseRoute(location.pathname);
        this.requestUpdate();
        window.scrollTo(0, 0);
        // A link to a part of a page (/settings#tariffs) lands on that part once the page is drawn.
        if (location.hash) void this.updateComplete.then(() => document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView());
      }),
      live.onState((s) => {
        this.liveState = s;
        this.requestUpdate();
      }),
      onNotices(() => this.requestUpdate()),
      live.onAlertChanged((change) => {
        this.alertPushes++;
        this.activeAlerts = change.activeCount;
        this.requestUpdate();
      }),
      live.onReconnected(() => void this.countAlerts()),
    );
    void this.countAlerts();
    session().then((me) => {
      this.user = me.userName;
      this.requestUpdate();
    }, notifyError);
    void live.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const c of this.cleanup.splice(0)) c();
  }

  private async countAlerts(): Promise<void> {
    const pushes = this.alertPushes;
    try {
      const active = await get<AlertView[]>("/api/alerts?state=active&limit=5000");
      // A push that arrived meanwhile carries a newer count than this answer.
      if (pushes === this.alertPushes) this.activeAlerts = active.length;
      this.requestUpdate();
    } catch {
      // The badge is a hint; the alerts page shows the error if the API is down.
    }
  }

  private async signOut(): Promise<void> {
    await api("POST", "/api/auth/logout").catch(() => undefined);
    location.assign("/login");
  }

  private page() {
    const r = this.route;
    switch (r.page) {
      case "fleet": return html`<hub-fleet-page></hub-fleet-page>`;
      case "plug": return keyed(r.id, html`<hub-plug-page .plugId=${r.id}></hub-plug-page>`);
      case "discovery": return html`<hub-discovery-page></hub-discovery-page>`;
      case "settings": return html`<hub-settings-page></hub-settings-page>`;
      case "firmware": return html`<hub-firmware-page></hub-firmware-page>`;
      case "rollouts": return html`<hub-rollouts-page></hub-rollouts-page>`;
      case "rollout-new": return html`<hub-rollout-wizard></hub-rollout-wizard>`;
      case "rollout": return keyed(r.id, html`<hub-rollout-page .rolloutId=${r.id}></hub-rollout-page>`);
      case "alerts": return html`<hub-alerts-page></hub-alerts-page>`;
      case "energy": return html`<hub-energy-page></hub-energy-page>`;
      case "profiles": return html`<hub-profiles-page></hub-profiles-page>`;
      default: return html`<section class="page"><h1>Not found</h1><p><a href="/">Back to the fleet</a></p></section>`;
    }
  }

  private link(href: string, label: string, active: boolean) {
    return html`<a href=${href} aria-current=${active ? "page" : nothing}>${label}</a>`;
  }

  protected override render() {
    const page = this.route.page;
    return html`
      <a class="skip" href="#main">Skip to content</a>
      <header class="bar">
        <strong class="brand">Hub</strong>
        <nav aria-label="Main">
          ${this.link("/", "Fleet", page === "fleet" || page === "plug")}
          ${this.link("/energy", "Energy", page === "energy")}
          ${this.link("/discovery", "Discovery", page === "discovery")}
          ${this.link("/firmware", "Firmware", page === "firmware")}
          ${this.link("/rollouts", "Rollouts", page.startsWith("rollout"))}
          <a href="/alerts" aria-current=${page === "alerts" ? "page" : nothing}>Alerts${this.activeAlerts
            ? html` <span class="badge count" data-testid="active-alerts" title="active alerts">${this.activeAlerts}</span>` : nothing}</a>
          ${this.link("/profiles", "Profiles", page === "profiles")}
          ${this.link("/settings", "Settings", page === "settings")}
        </nav>
        <span class="who">
          <span class="user" data-testid="user">${this.user ?? "…"}</span>
          <button type="button" class="ghost" @click=${() => this.signOut()}>Sign out</button>
        </span>
      </header>
      ${this.liveState === "reconnecting"
        ? html`<div class="live-lost" role="status" data-testid="live-lost">Live connection lost — reconnecting…</div>`
        : nothing}
      <main id="main" tabindex="-1" data-live=${this.liveState}>${this.page()}</main>
      <div class="notices" aria-live="polite">
        ${currentNotices().map((n) => html`
          <div class="notice ${n.kind}" role=${n.kind === "error" ? "alert" : "status"}>
            <span>${n.text}</span>
            <button type="button" class="ghost" aria-label="Dismiss" @click=${() => dismiss(n.id)}>×</button>
          </div>`)}
      </div>`;
  }
}

customElements.define("hub-app", HubApp);
