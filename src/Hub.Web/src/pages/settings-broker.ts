import { html, nothing } from "lit";
import { get } from "../api";
import { messageOf } from "../problem";
import type { BrokerSettingsView } from "../types";
import { LightElement } from "../components/light-element";

/** The MQTT broker as configured; it changes in the hub's settings (Mqtt:…), so this is read-only. */
export class SettingsBroker extends LightElement {
  private broker: BrokerSettingsView | null = null;
  private error: string | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    get<BrokerSettingsView>("/api/settings/broker").then(
      (b) => (this.broker = b),
      (e) => (this.error = messageOf(e)),
    ).finally(() => this.requestUpdate());
  }

  protected override render() {
    const b = this.broker;
    return html`
      <h2>Broker</h2>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${b ? html`<dl class="facts" data-testid="broker">
        <dt>Broker</dt><dd>${b.embedded ? `embedded, listening on ${b.bindAddress}:${b.embeddedPort}` : "external"}</dd>
        <dt>The hub connects to</dt><dd>${b.hubHost}:${b.hubPort} as ${b.hubUsername}${b.useTls ? " (TLS)" : ""}</dd>
        <dt>Plug accounts kept in</dt><dd>${b.accountStore}</dd>
        <dt>New plugs sign in as</dt><dd>${b.bootstrapEnabled ? b.bootstrapUsername : "– (bootstrap account off)"}</dd>
      </dl>
      <p class="muted">Change these with the <code>Mqtt:</code> settings (see the README) and restart the hub.</p>` : nothing}`;
  }
}

customElements.define("hub-settings-broker", SettingsBroker);
