import { html, nothing } from "lit";
import { api, get } from "../api";
import { formatTime } from "../format";
import { notify, notifyError } from "../notices";
import type { ApiTokenInfo, CreatedApiToken } from "../types";
import { LightElement } from "../components/light-element";
import "./settings-users";
import "./settings-tariffs";
import "./settings-broker";

/** Personal API tokens for scripts (create, shown once; list; revoke), then users, tariffs and the broker. */
export class SettingsPage extends LightElement {
  private tokens: ApiTokenInfo[] = [];
  private created: CreatedApiToken | null = null;
  private error: string | null = null;
  private busy = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.tokens = await get<ApiTokenInfo[]>("/api/tokens");
      this.error = null;
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    }
    this.requestUpdate();
  }

  private async create(e: Event): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const days = String(data.get("days") ?? "").trim();
    this.busy = true;
    this.requestUpdate();
    try {
      this.created = await api<CreatedApiToken>("POST", "/api/tokens", {
        name: String(data.get("name") ?? "").trim(),
        expiresInDays: days ? Number(days) : null,
      });
      form.reset();
      await this.load();
    } catch (err) {
      notifyError(err);
    } finally {
      this.busy = false;
      this.requestUpdate();
    }
  }

  private async revoke(t: ApiTokenInfo): Promise<void> {
    if (!confirm(`Revoke the token "${t.name}"? Scripts using it stop working.`)) return;
    try {
      await api("DELETE", `/api/tokens/${t.id}`);
      notify(`Revoked "${t.name}".`);
      await this.load();
    } catch (err) {
      notifyError(err);
    }
  }

  private async copy(text: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      notify("Copied.");
    } catch {
      notify("Copying is not allowed here; select the token and copy it by hand.", "error");
    }
  }

  protected override render() {
    return html`
      <section class="page">
        <h1>Settings</h1>
        <h2>API tokens</h2>
        <p class="muted">Personal tokens let scripts call the API with <code>Authorization: Bearer …</code>.
          A token is shown once, right after it is created. <a href="/scalar" target="_blank" rel="noopener">API reference</a></p>
        <form class="edit" @submit=${this.create}>
          <label>Name <input name="name" required maxlength="100"></label>
          <label>Expires after (days, empty for never) <input name="days" type="number" min="1" max="3650"></label>
          <button type="submit" class="primary" ?disabled=${this.busy}>Create token</button>
        </form>
        ${this.created ? html`
          <div class="new-token" role="status">
            <p>New token <strong>${this.created.name}</strong>; copy it now, it is not shown again:</p>
            <code data-testid="new-token">${this.created.token}</code>
            <button type="button" @click=${() => this.copy(this.created!.token)}>Copy</button>
          </div>` : nothing}
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        <div class="table-wrap">
          <table class="tokens">
            <thead><tr><th scope="col">Name</th><th scope="col">Starts with</th><th scope="col">Created</th>
              <th scope="col">Expires</th><th scope="col">Last used</th><th scope="col"></th></tr></thead>
            <tbody>${this.tokens.map((t) => html`
              <tr data-token=${t.name}>
                <td>${t.name}</td><td><code>${t.prefix}…</code></td><td>${formatTime(t.createdAt)}</td>
                <td>${t.expiresAt ? formatTime(t.expiresAt) : "never"}</td>
                <td>${t.revokedAt ? html`<span class="badge">revoked</span>` : t.lastUsedAt ? formatTime(t.lastUsedAt) : "never"}</td>
                <td>${t.revokedAt ? nothing : html`<button type="button" aria-label="Revoke ${t.name}"
                  @click=${() => this.revoke(t)}>Revoke</button>`}</td>
              </tr>`)}</tbody>
          </table>
          ${this.tokens.length === 0 && !this.error ? html`<p class="muted">No tokens yet.</p>` : nothing}
        </div>
        <hub-settings-users></hub-settings-users>
        <hub-settings-tariffs id="tariffs"></hub-settings-tariffs>
        <hub-settings-broker></hub-settings-broker>
      </section>`;
  }
}

customElements.define("hub-settings-page", SettingsPage);
