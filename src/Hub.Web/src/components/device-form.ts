import { html, nothing } from "lit";
import { api } from "../api";
import { notify } from "../notices";
import { messageOf } from "../problem";
import { LightElement } from "./light-element";

/** Names a device powered by the plug (a router, a modem), so probes can watch it. Fires `saved`. */
export class DeviceForm extends LightElement {
  plugId = 0;
  private error: string | null = null;
  private busy = false;

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const text = (key: string) => String(data.get(key) ?? "").trim();
    this.busy = true;
    this.requestUpdate();
    try {
      await api("POST", "/api/watchdog/devices", {
        plugId: this.plugId,
        name: text("name"),
        host: text("host"),
        relayChannel: Number(text("relayChannel") || "1"),
        offSeconds: Number(text("offSeconds") || "10"),
      });
      notify(`${text("name")} added.`);
      this.error = null;
      form.reset();
      this.dispatchEvent(new CustomEvent("saved"));
    } catch (err) {
      this.error = messageOf(err);
    }
    this.busy = false;
    this.requestUpdate();
  }

  protected override render() {
    return html`
      <form class="edit" aria-label="Add device" @submit=${this.submit}>
        <label>Device name <input name="name" required maxlength="100"></label>
        <label>Host <input name="host" required maxlength="253" placeholder="192.168.1.1"></label>
        <label>Relay <input name="relayChannel" type="number" inputmode="numeric" placeholder="1"></label>
        <label>Off for (s) <input name="offSeconds" type="number" inputmode="numeric" placeholder="10"></label>
        ${this.error ? html`<p class="error form-error" role="alert">${this.error}</p>` : nothing}
        <button type="submit" class="primary" ?disabled=${this.busy}>Add device</button>
      </form>`;
  }
}

customElements.define("hub-device-form", DeviceForm);
