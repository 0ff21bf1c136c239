import { html, nothing } from "lit";
import { api, get } from "../api";
import { live } from "../live";
import { formatTime } from "../format";
import { notify, notifyError } from "../notices";
import { messageOf } from "../problem";
import { availableCommands, isRolloutFinished, rolloutProgress, type RolloutCommand } from "../rollout-logic";
import type { RolloutPlugState, RolloutView } from "../types";
import { LightElement } from "../components/light-element";

/**
 * The hub pushes every step of every plug over SignalR, and every change of the rollout itself (status, wave, a
 * maintenance window that holds it); either reloads the view (one request at a time). A step also reloads once more
 * shortly after, in case its rollout change was lost to a full channel. A slow safety poll covers anything missed while
 * the connection was down. The rollout itself runs in the hub; closing the page changes nothing.
 */
const followUpMs = 1500;
const safetyPollMs = 15_000;

const stateOrder: RolloutPlugState[] = ["Queued", "Sending", "Flashing", "Rebooting", "Verifying", "Succeeded", "Failed", "Cancelled"];

const commandLabels: Record<RolloutCommand, string> = {
  "pause": "Pause",
  "resume": "Resume",
  "abort": "Abort",
  "retry-failed": "Retry failed plugs",
};

export class RolloutPage extends LightElement {
  private rollout = 0;
  private view: RolloutView | null = null;
  private error: string | null = null;
  private busy = false;
  private timer: number | null = null;
  private followUp: number | null = null;
  private open = false;
  private loading: Promise<void> | null = null;
  private reloadAgain = false;
  private unsubscribe: (() => void)[] = [];

  set rolloutId(id: number) {
    this.rollout = id;
    this.requestUpdate();
  }

  get rolloutId(): number {
    return this.rollout;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.open = true;
    this.unsubscribe = [
      live.onRolloutPlugChanged((change) => {
        if (change.rolloutId !== this.rollout) return;
        void this.reload();
        if (this.followUp !== null) window.clearTimeout(this.followUp);
        this.followUp = window.setTimeout(() => {
          this.followUp = null;
          void this.reload();
        }, followUpMs);
      }),
      live.onRolloutChanged((change) => {
        if (change.rolloutId !== this.rollout) return;
        void this.reload();
        if (this.timer === null && this.open && !isRolloutFinished(change.status)) void this.poll();
      }),
      live.onReconnected(() => void this.reload()),
    ];
    void this.poll();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.open = false;
    for (const stop of this.unsubscribe) stop();
    this.unsubscribe = [];
    if (this.timer !== null) window.clearTimeout(this.timer);
    if (this.followUp !== null) window.clearTimeout(this.followUp);
    this.timer = null;
    this.followUp = null;
  }

  /** Pushed steps can come many a second: one request in flight, at most one more queued behind it. */
  private async reload(): Promise<void> {
    if (this.loading) {
      this.reloadAgain = true;
      return this.loading;
    }
    this.loading = this.load();
    await this.loading;
    this.loading = null;
    if (this.reloadAgain && this.open) {
      this.reloadAgain = false;
      await this.reload();
    }
  }

  /** One request at a time: the next one is scheduled only after this one answered, so a slow hub is not piled on. */
  private async poll(): Promise<void> {
    this.timer = null;
    await this.reload();
    if (this.open && !(this.view && isRolloutFinished(this.view.status))) {
      this.timer = window.setTimeout(() => void this.poll(), safetyPollMs);
    }
  }

  private async load(): Promise<void> {
    try {
      this.view = await get<RolloutView>(`/api/rollouts/${this.rollout}`);
      this.error = null;
      document.title = `${this.view.name} · Rollouts · Hub`;
    } catch (e) {
      this.error = messageOf(e);
    }
    this.requestUpdate();
  }

  private async command(command: RolloutCommand): Promise<void> {
    if (command === "abort" && !confirm("Abort this rollout? Plugs not started yet are cancelled; plugs in flight finish.")) return;
    this.busy = true;
    this.requestUpdate();
    try {
      this.view = await api<RolloutView>("POST", `/api/rollouts/${this.rollout}/${command}`);
      notify(`${commandLabels[command]}: done.`);
      // A resumed or retried rollout moves again: make sure the safety poll runs.
      if (this.timer === null && this.open && !isRolloutFinished(this.view.status)) void this.poll();
    } catch (err) {
      notifyError(err);
    } finally {
      this.busy = false;
      this.requestUpdate();
    }
  }

  private counts(states: Partial<Record<RolloutPlugState, number>>) {
    return stateOrder.filter((s) => (states[s] ?? 0) > 0).map((s) => html`<span class="tag state-${s.toLowerCase()}">${s} ${states[s]}</span>`);
  }

  private body(v: RolloutView) {
    const progress = rolloutProgress(v);
    return html`
      <div class="title-row">
        <h1>${v.name}</h1>
        <span class="badge status-${v.status.toLowerCase()}" data-testid="rollout-status">${v.status}</span>
      </div>
      ${v.pauseReason ? html`<p class="error" data-testid="pause-reason">Paused: ${v.pauseReason}</p>` : nothing}
      ${v.holding ? html`<p class="muted">Holding: ${v.holding}</p>` : nothing}
      <div class="upload-progress">
        <progress max="100" value=${progress.percent} aria-label="Rollout progress"></progress>
        <span class="num" data-testid="rollout-progress">${progress.done} / ${progress.total} plugs done</span>
      </div>
      <div class="actions">${availableCommands(v).map((c) => html`<button type="button" ?disabled=${this.busy}
        class=${c === "abort" ? "danger" : ""} @click=${() => this.command(c)}>${commandLabels[c]}</button>`)}</div>
      <p class="muted">Image <a href="/firmware">#${v.firmwareImageId}</a>, created ${formatTime(v.createdAt)}
        ${v.finishedAt ? html`, finished ${formatTime(v.finishedAt)}` : nothing}. Updated live.</p>
      <h2>Waves</h2>
      <div class="table-wrap">
        <table class="waves">
          <thead><tr><th scope="col">Wave</th><th scope="col">Plugs</th><th scope="col">States</th></tr></thead>
          <tbody>${v.waves.map((w) => html`<tr data-wave=${w.wave + 1} class=${w.wave === v.currentWave && !isRolloutFinished(v.status) ? "current" : ""}>
            <td class="num">${w.wave + 1}${w.wave === v.currentWave && !isRolloutFinished(v.status) ? " (current)" : ""}</td>
            <td class="num">${w.size}</td><td>${this.counts(w.states)}</td></tr>`)}</tbody>
        </table>
      </div>
      <h2>Plugs</h2>
      <div class="table-wrap">
        <table class="rollout-plugs">
          <thead><tr><th scope="col">Plug</th><th scope="col">Wave</th><th scope="col">State</th><th scope="col">Tries</th>
            <th scope="col">Build before → after</th><th scope="col">Reason</th></tr></thead>
          <tbody>${v.plugs.map((p) => html`<tr data-plug=${p.topic}>
            <td><a href="/plugs/${p.plugId}">${p.topic}</a></td><td class="num">${p.wave + 1}</td>
            <td data-testid="plug-state"><span class="tag state-${p.state.toLowerCase()}">${p.state}</span></td>
            <td class="num">${p.attempts}</td>
            <td>${p.previousBuild ?? "–"} → ${p.reportedBuild ?? "–"}</td>
            <td>${p.reason ?? ""}</td></tr>`)}</tbody>
        </table>
      </div>`;
  }

  protected override render() {
    return html`
      <section class="page wide">
        <p class="crumbs"><a href="/rollouts">Rollouts</a></p>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        ${this.view ? this.body(this.view) : this.error ? nothing : html`<p class="muted">Loading…</p>`}
      </section>`;
  }
}

customElements.define("hub-rollout-page", RolloutPage);
