import { html, nothing } from "lit";
import { api, get } from "../api";
import { formatTime } from "../format";
import { notify, notifyError } from "../notices";
import { ApiError, messageOf } from "../problem";
import type { UserView } from "../types";
import { LightElement } from "../components/light-element";

/** Accounts, for the administrator only; anyone else sees why the list is missing (the API answers 403). */
export class SettingsUsers extends LightElement {
  private users: UserView[] = [];
  private error: string | null = null;
  private forbidden = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.users = await get<UserView[]>("/api/users");
      this.error = null;
    } catch (e) {
      this.forbidden = e instanceof ApiError && e.status === 403;
      this.error = messageOf(e);
    }
    this.requestUpdate();
  }

  private async create(e: Event): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    try {
      const user = await api<UserView>("POST", "/api/users", {
        userName: String(data.get("userName") ?? "").trim(),
        password: String(data.get("password") ?? ""),
      });
      form.reset();
      notify(`Created "${user.userName}".`);
      await this.load();
    } catch (err) {
      notifyError(err);
    }
  }

  private async resetPassword(u: UserView): Promise<void> {
    const password = prompt(`New password for ${u.userName}:`);
    if (!password) return;
    try {
      await api("POST", `/api/users/${encodeURIComponent(u.id)}/password`, { password });
      notify(`Password of "${u.userName}" replaced; its sessions end.`);
      await this.load();
    } catch (err) {
      notifyError(err);
    }
  }

  private async removeUser(u: UserView): Promise<void> {
    if (!confirm(`Delete the user "${u.userName}" and its API tokens?`)) return;
    try {
      await api("DELETE", `/api/users/${encodeURIComponent(u.id)}`);
      notify(`Deleted "${u.userName}".`);
      await this.load();
    } catch (err) {
      notifyError(err);
    }
  }

  protected override render() {
    if (this.forbidden) return html`<h2>Users</h2><p class="muted">${this.error}</p>`;
    return html`
      <h2>Users</h2>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <form class="edit" @submit=${this.create} aria-label="Add user">
        <label>User name <input name="userName" required maxlength="64" autocomplete="off"></label>
        <label>Password <input name="password" type="password" required autocomplete="new-password"></label>
        <button type="submit" class="primary">Add user</button>
      </form>
      <div class="table-wrap">
        <table class="users">
          <thead><tr><th scope="col">User</th><th scope="col">Locked out until</th><th scope="col"></th></tr></thead>
          <tbody>${this.users.map((u) => html`<tr data-user=${u.userName}>
            <td>${u.userName}${u.isAdmin ? html` <span class="badge">administrator</span>` : nothing}</td>
            <td>${u.lockedOutUntil ? formatTime(u.lockedOutUntil) : "–"}</td>
            <td><button type="button" aria-label="Reset password of ${u.userName}" @click=${() => this.resetPassword(u)}>Reset password</button>
              ${u.isAdmin ? nothing : html`<button type="button" class="danger" aria-label="Delete ${u.userName}"
                @click=${() => this.removeUser(u)}>Delete</button>`}</td>
          </tr>`)}</tbody>
        </table>
      </div>`;
  }
}

customElements.define("hub-settings-users", SettingsUsers);
