import { html, nothing } from "lit";
import { api, get } from "../api";
import { displayName, distinctTags } from "../fleet-logic";
import { fleet } from "../fleet-store";
import { notify, notifyError } from "../notices";
import { messageOf } from "../problem";
import {
  describeCommand, pickablePlugs, profileFields, profileRequest, profilesToRefresh, relayStartStates, summarize,
  type AssignmentView, type ProfileView,
} from "../profile-logic";
import { LightElement } from "../components/light-element";

/** The hub pushes nothing for profile assignments, so while this page is open it asks again about pending ones. */
const pendingPollMs = 2000;
/** Everything (other tabs' applies and deletes included) is reloaded this often while the page is open. */
const fullPollMs = 30_000;
/** A long plug list is cut here; the search narrows it. */
const shownPlugs = 200;

const badge: Record<AssignmentView["status"], string> = { Applied: "ok", Pending: "warn", Failed: "failed" };

/**
 * Settings profiles: what each sets, a form that creates one (the API's refusal shown beside it, nothing typed lost),
 * applying one to plugs picked by search and tag, and each profile's plugs with their state, reason and a Retry.
 */
export class ProfilesPage extends LightElement {
  private profiles: ProfileView[] = [];
  private readonly assignments = new Map<number, AssignmentView[]>();
  private error: string | null = null;
  private formError: string | null = null;
  private creating = false;
  /** The profile whose plug picker is open. */
  private applyingId: number | null = null;
  private search = "";
  private tag = "";
  private readonly chosen = new Set<number>();
  private timers: ReturnType<typeof setInterval>[] = [];
  private refreshing = false;
  private unsubscribe: (() => void) | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = "Profiles · Hub";
    this.unsubscribe = fleet.subscribe(() => this.requestUpdate());
    void fleet.ensureLoaded();
    void this.load();
    this.timers.push(setInterval(() => void this.refreshPending(), pendingPollMs), setInterval(() => void this.load(), fullPollMs));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    for (const t of this.timers.splice(0)) clearInterval(t);
  }

  private async load(): Promise<void> {
    try {
      this.profiles = await get<ProfileView[]>("/api/profiles");
      const ids = new Set(this.profiles.map((p) => p.id));
      for (const id of [...this.assignments.keys()]) if (!ids.has(id)) this.assignments.delete(id);
      await Promise.all(this.profiles.map((p) => this.loadAssignments(p.id)));
      this.error = null;
    } catch (e) {
      this.error = messageOf(e);
    }
    this.requestUpdate();
  }

  private async loadAssignments(id: number): Promise<void> {
    this.assignments.set(id, await get<AssignmentView[]>(`/api/profiles/${id}/assignments`));
  }

  private async refreshPending(): Promise<void> {
    const ids = profilesToRefresh(this.assignments);
    // A slow answer must not land after a newer one: one refresh at a time.
    if (ids.length === 0 || this.refreshing) return;
    this.refreshing = true;
    try {
      await Promise.all(ids.map((id) => this.loadAssignments(id)));
    } catch {
      // A deleted profile or a hub restart: the next full reload shows what is true.
    } finally {
      this.refreshing = false;
    }
    this.requestUpdate();
  }

  private async create(e: Event): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = Object.fromEntries([...new FormData(form)].map(([k, v]) => [k, String(v)]));
    this.creating = true;
    this.requestUpdate();
    try {
      const created = await api<ProfileView>("POST", "/api/profiles", profileRequest(data));
      form.reset();
      this.formError = null;
      notify(`Profile "${created.name}" created.`);
      await this.load();
    } catch (err) {
      // The form is left as typed, so the person fixes what the API named instead of typing it all again.
      this.formError = messageOf(err);
    }
    this.creating = false;
    this.requestUpdate();
  }

  /** Runs a call, shows its refusal if any, reloads the profile's assignments; answers whether the call went through. */
  private async act(id: number, call: () => Promise<unknown>): Promise<boolean> {
    let done = true;
    try {
      await call();
    } catch (err) {
      done = false;
      notifyError(err);
    }
    try {
      await this.loadAssignments(id);
    } catch (err) {
      notifyError(err);
    }
    this.requestUpdate();
    return done;
  }

  private openPicker(id: number): void {
    this.applyingId = this.applyingId === id ? null : id;
    this.chosen.clear();
    this.requestUpdate();
  }

  private async apply(p: ProfileView): Promise<void> {
    const plugIds = [...this.chosen];
    // A refusal keeps the picker and the choice, so the user can change it and try again.
    if (!(await this.act(p.id, () => api("POST", `/api/profiles/${p.id}/apply`, { plugIds })))) return;
    notify(`Profile "${p.name}" sent to ${plugIds.length} plug(s); offline ones get it when they return.`);
    this.applyingId = null;
    this.chosen.clear();
    this.requestUpdate();
  }

  private async deleteProfile(p: ProfileView): Promise<void> {
    if (!confirm(`Delete the profile "${p.name}"? Plugs keep the settings they already have.`)) return;
    try {
      await api("DELETE", `/api/profiles/${p.id}`);
      notify(`Profile "${p.name}" deleted.`);
      await this.load();
    } catch (err) {
      notifyError(err);
    }
  }

  private createForm() {
    return html`<form class="edit profile-form" aria-label="New profile" @submit=${this.create}>
      <label>Name <input name="name" required maxlength="100"></label>
      ${profileFields.map((f) => html`<label>${f.label} <input name=${f.key} type="number" min=${f.min} max=${f.max} step=${f.step}></label>`)}
      <label>Relay at start <select name="relayStartState">
        ${relayStartStates.map((s) => html`<option value=${s.value}>${s.label}</option>`)}</select></label>
      <label>Broker host <input name="brokerHost" maxlength="253"></label>
      <label>Extra console commands (one a line: command, then arguments)
        <textarea name="extraCommands" rows="3" spellcheck="false"></textarea></label>
      ${this.formError ? html`<p class="error form-error" role="alert" data-testid="profile-form-error">${this.formError}</p>` : nothing}
      <button type="submit" class="primary" ?disabled=${this.creating}>Create profile</button>
    </form>`;
  }

  private picker(p: ProfileView) {
    const all = fleet.plugs.values();
    const plugs = pickablePlugs(fleet.plugs.values(), this.search, this.tag);
    const input = (e: Event) => (e.target as HTMLInputElement).value;
    return html`<fieldset class="edit profile-picker">
      <legend>Apply "${p.name}" to</legend>
      <label>Search plugs <input type="search" .value=${this.search} @input=${(e: Event) => { this.search = input(e); this.requestUpdate(); }}></label>
      <label>Tag <select @change=${(e: Event) => { this.tag = input(e); this.requestUpdate(); }}>
        <option value="" ?selected=${this.tag === ""}>Any</option>
        ${distinctTags(all).map((t) => html`<option value=${t} ?selected=${this.tag === t}>${t}</option>`)}</select></label>
      <button type="button" class="ghost" @click=${() => { for (const q of plugs) this.chosen.add(q.id); this.requestUpdate(); }}>
        Choose all ${plugs.length} matching</button>
      <div class="plug-choices">${plugs.slice(0, shownPlugs).map((q) => html`<label class="check"><input type="checkbox"
        .checked=${this.chosen.has(q.id)} @change=${(e: Event) => {
          if ((e.target as HTMLInputElement).checked) this.chosen.add(q.id);
          else this.chosen.delete(q.id);
          this.requestUpdate();
        }}> ${displayName(q)}${q.online ? nothing : html` <span class="muted">(offline)</span>`}</label>`)}</div>
      ${plugs.length > shownPlugs ? html`<p class="muted">${plugs.length - shownPlugs} more: narrow the search.</p>` : nothing}
      <button type="button" class="primary" ?disabled=${this.chosen.size === 0} @click=${() => this.apply(p)}>
        Apply to ${this.chosen.size} plug(s)</button>
    </fieldset>`;
  }

  private assignmentRows(p: ProfileView, list: AssignmentView[]) {
    if (list.length === 0) return nothing;
    return html`<div class="table-wrap"><table class="assignments">
      <thead><tr><th scope="col">Plug</th><th scope="col">State</th><th scope="col">Attempts</th><th scope="col">Reason</th>
        <th scope="col">Updated</th><th scope="col"></th></tr></thead>
      <tbody>${list.map((a) => {
        const q = fleet.plugs.get(a.plugId);
        const name = q ? displayName(q) : `Plug ${a.plugId}`;
        return html`<tr data-plug=${q?.topic ?? a.plugId}>
          <td><a href="/plugs/${a.plugId}">${name}</a></td>
          <td><span class="badge ${badge[a.status]}" data-testid="assignment-status">${a.status}</span></td>
          <td>${a.attempts}</td><td>${a.lastError ?? ""}</td><td>${new Date(a.updatedAt).toLocaleString()}</td>
          <td>${a.status === "Failed" ? html`<button type="button" aria-label="Retry ${name}"
            @click=${() => this.act(p.id, () => api("POST", `/api/profiles/${p.id}/apply`, { plugIds: [a.plugId] }))}>Retry</button>` : nothing}</td>
        </tr>`;
      })}</tbody></table></div>`;
  }

  private profile(p: ProfileView) {
    const list = this.assignments.get(p.id) ?? [];
    const failed = list.filter((a) => a.status === "Failed").length;
    return html`<section class="profile" data-profile=${p.name} aria-label="Profile ${p.name}">
      <h2>${p.name}</h2>
      <ul class="profile-commands">${p.commands.map((c) => html`<li>${describeCommand(c)}</li>`)}</ul>
      <p class="muted" data-testid="profile-summary">${summarize(list)}</p>
      <button type="button" @click=${() => this.openPicker(p.id)} aria-expanded=${this.applyingId === p.id}>Apply to plugs…</button>
      ${failed > 1 ? html`<button type="button" @click=${() => this.act(p.id, () => api("POST", `/api/profiles/${p.id}/retry`))}>
        Retry all ${failed} failed</button>` : nothing}
      <button type="button" class="ghost" aria-label="Delete profile ${p.name}" @click=${() => this.deleteProfile(p)}>Delete</button>
      ${this.applyingId === p.id ? this.picker(p) : nothing}
      ${this.assignmentRows(p, list)}
    </section>`;
  }

  protected override render() {
    return html`<section class="page wide">
      <h1>Profiles</h1>
      <p class="muted">A profile sets calibration, the relay's state at start, the broker host, the time zone or any console
        command on many plugs at once. Plugs that are offline get it when they come back. This page checks pending plugs
        every ${pendingPollMs / 1000} s while it is open.</p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.createForm()}
      ${this.profiles.map((p) => this.profile(p))}
      ${this.profiles.length === 0 && !this.error ? html`<p class="muted">No profile yet.</p>` : nothing}
    </section>`;
  }
}

customElements.define("hub-profiles-page", ProfilesPage);
