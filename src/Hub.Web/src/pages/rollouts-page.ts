import { html, nothing } from "lit";
import { get } from "../api";
import { formatTime } from "../format";
import { messageOf } from "../problem";
import type { FirmwareView, RolloutSummary } from "../types";
import { LightElement } from "../components/light-element";

/** Every rollout, newest first, with its image and status; each opens its live view. */
export class RolloutsPage extends LightElement {
  private rollouts: RolloutSummary[] = [];
  private images = new Map<number, FirmwareView>();
  private loaded = false;
  private error: string | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = "Rollouts · Hub";
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const [rollouts, images] = await Promise.all([
        get<RolloutSummary[]>("/api/rollouts"),
        get<FirmwareView[]>("/api/firmware"),
      ]);
      this.rollouts = rollouts;
      this.images = new Map(images.map((i) => [i.id, i]));
      this.error = null;
    } catch (e) {
      this.error = messageOf(e);
    }
    this.loaded = true;
    this.requestUpdate();
  }

  protected override render() {
    return html`
      <section class="page wide">
        <div class="title-row">
          <h1>Rollouts</h1>
          <a class="button primary" href="/rollouts/new">New rollout</a>
        </div>
        <p class="muted">Rollouts run in the hub in waves, whether or not this page is open.</p>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        <div class="table-wrap">
          <table class="rollouts">
            <thead><tr><th scope="col">#</th><th scope="col">Name</th><th scope="col">Image</th><th scope="col">Status</th>
              <th scope="col">Waves</th><th scope="col">Created</th><th scope="col">Finished</th></tr></thead>
            <tbody>${this.rollouts.map((r) => {
              const image = this.images.get(r.firmwareImageId);
              return html`<tr data-rollout=${r.name}>
                <td class="num">${r.id}</td>
                <td><a href="/rollouts/${r.id}">${r.name}</a></td>
                <td>${image ? `${image.chipFamily} ${image.version}` : `image ${r.firmwareImageId}`}</td>
                <td><span class="badge status-${r.status.toLowerCase()}">${r.status}</span>
                  ${r.pauseReason ? html`<br><span class="muted">${r.pauseReason}</span>` : nothing}</td>
                <td class="num">${Math.min(r.currentWave + 1, r.waveSizes.length)} / ${r.waveSizes.length}</td>
                <td>${formatTime(r.createdAt)}<br><span class="muted">${r.createdBy}</span></td>
                <td>${formatTime(r.finishedAt)}</td>
              </tr>`;
            })}</tbody>
          </table>
          ${this.loaded && this.rollouts.length === 0 && !this.error ? html`<p class="muted">No rollout yet.</p>` : nothing}
        </div>
      </section>`;
  }
}

customElements.define("hub-rollouts-page", RolloutsPage);
