import { html, nothing } from "lit";
import { api } from "../api";
import { notify } from "../notices";
import { messageOf } from "../problem";
import type { WatchedDevice } from "../types";
import { LightElement } from "./light-element";

/**
 * Names a device powered by the plug (a router, a modem), so probes can watch it, or edits one when `device` is set.
 * The API judges the fields; its refusal is shown above the buttons with everything typed kept. Fires `saved` once
 * the hub stored it, and `cancel` when an edit is abandoned.
 */
export class DeviceForm extends LightElement {
  plugId = 0;
  device: WatchedDevice | null = null;
  private error: string | null = null;
  private busy = false;

  /** An edit opens below the table: take the keyboard there, which also scrolls it into view. */
  protected override firstUpdated(): void {
    if (this.device) this.querySelector("input")?.focus();
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const text = (key: string) => String(data.get(key) ?? "").trim();
    const d = this.device;
    const body = {
      plugId: d?.plugId ?? this.plugId,
      name: text("name"),
      host: text("host"),
      relayChannel: Number(text("relayChannel") || "1"),
      offSeconds: Number(text("offSeconds") || "10"),
    };
    this.busy = true;
    this.requestUpdate();
    try {
      if (d) await api("PUT", `/api/watchdog/devices/${d.id}`, body);
      else await api("POST", "/api/watchdog/devices", body);
      notify(d ? `${body.name} saved.` : `${body.name} added.`);
      this.error = null;
      if (!d) form.reset();
      this.dispatchEvent(new CustomEvent("saved"));
    } catch (err) {
      this.error = messageOf(err);
    }
    this.busy = false;
    this.requestUpdate();
  }

  protected override render() {
    const d = this.device;
    // Property bindings: Lit writes a value only when it differs from the one it last wrote, so a re-render after a
    // refusal keeps what the owner typed.
    return html`
      <form class="edit" aria-label=${d ? `Edit device ${d.name}` : "Add device"} @submit=${this.submit}>
        <label>Device name <input name="name" required maxlength="100" .value=${d?.name ?? ""}></label>
        <label>Host <input name="host" required maxlength="253" placeholder="192.168.1.1" .value=${d?.host ?? ""}></label>
        <label>Relay <input name="relayChannel" type="number" inputmode="numeric" placeholder="1"
          .value=${d ? String(d.relayChannel) : ""}></label>
        <label>Off for (s) <input name="offSeconds" type="number" inputmode="numeric" placeholder="10"
          .value=${d ? String(d.offSeconds) : ""}></label>
        ${this.error ? html`<p class="error form-error" role="alert">${this.error}</p>` : nothing}
        <button type="submit" class="primary" ?disabled=${this.busy}>${d ? "Save device" : "Add device"}</button>
        ${d ? html`<button type="button" @click=${() => this.dispatchEvent(new CustomEvent("cancel"))}>Cancel</button>` : nothing}
      </form>`;
  }
}

customElements.define("hub-device-form", DeviceForm);
