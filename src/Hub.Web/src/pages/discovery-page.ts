import { html, nothing } from "lit";
import { get } from "../api";
import { adopt } from "../commands";
import { fleet } from "../fleet-store";
import { formatTime } from "../format";
import { notify, notifyError } from "../notices";
import { forEachLimited } from "../pool";
import type { PlugDetails, PlugSummary } from "../types";
import { LightElement } from "../components/light-element";

/** Plugs that reached the broker on the bootstrap account and wait to be adopted into the fleet. */
export class DiscoveryPage extends LightElement {
  private readonly selected = new Set<number>();
  private readonly details = new Map<number, PlugDetails>();
  private readonly outcome = new Map<number, string>();
  private busy = false;
  private unsubscribe: (() => void) | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.unsubscribe = fleet.subscribe(() => {
      void this.loadDetails();
      this.requestUpdate();
    });
    void fleet.reload().then(() => this.loadDetails());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
  }

  private pendingPlugs(): PlugSummary[] {
    return [...fleet.plugs.values()].filter((p) => p.status === "Pending").sort((a, b) => a.topic.localeCompare(b.topic));
  }

  /** Chip, MAC and IP are only in a plug's details; the pending list is short, so fetch them once per plug. */
  private async loadDetails(): Promise<void> {
    const missing = this.pendingPlugs().filter((p) => !this.details.has(p.id)).slice(0, 50);
    if (missing.length === 0) return;
    await forEachLimited(missing, 4, async (p) => this.details.set(p.id, await get<PlugDetails>(`/api/plugs/${p.id}`)));
    this.requestUpdate();
  }

  private toggle(id: number, on: boolean): void {
    if (on) this.selected.add(id);
    else this.selected.delete(id);
    this.requestUpdate();
  }

  private async adoptMany(ids: number[]): Promise<void> {
    this.busy = true;
    this.requestUpdate();
    const results = await forEachLimited(ids, 4, async (id) => {
      this.outcome.set(id, "adopting…");
      this.requestUpdate();
      await adopt(id);
    });
    let ok = 0;
    results.forEach((r, i) => {
      if (r.status === "fulfilled") {
        ok++;
        this.outcome.delete(ids[i]);
        this.selected.delete(ids[i]);
      } else {
        this.outcome.set(ids[i], r.reason instanceof Error ? r.reason.message : String(r.reason));
      }
    });
    if (ok > 0) notify(`Adopted ${ok} plug${ok === 1 ? "" : "s"}.`);
    if (ok < ids.length) notifyError(`${ids.length - ok} plug(s) could not be adopted; see the list.`);
    this.busy = false;
    await fleet.reload();
  }

  protected override render() {
    const plugs = this.pendingPlugs();
    const all = plugs.length > 0 && plugs.every((p) => this.selected.has(p.id));
    return html`
      <section class="page">
        <h1>Discovery</h1>
        <p class="muted">Plugs that connected with the bootstrap account. Adopting one gives it its own broker account
          and puts it in the fleet.</p>
        <div class="actions">
          <button type="button" class="primary" ?disabled=${this.busy || this.selected.size === 0}
            @click=${() => this.adoptMany([...this.selected])}>Adopt selected (${this.selected.size})</button>
        </div>
        ${fleet.error ? html`<p class="error" role="alert">${fleet.error}</p>` : nothing}
        <div class="table-wrap">
          <table class="discovery">
            <thead><tr>
              <th scope="col"><input type="checkbox" aria-label="Select all pending plugs" .checked=${all}
                @change=${(e: Event) => {
                  const on = (e.target as HTMLInputElement).checked;
                  for (const p of plugs) this.toggle(p.id, on);
                }}></th>
              <th scope="col">Topic</th><th scope="col">Protocol</th><th scope="col">Chip</th><th scope="col">Build</th>
              <th scope="col">MAC / IP</th><th scope="col">Online</th><th scope="col">First seen</th><th scope="col"></th>
            </tr></thead>
            <tbody>${plugs.map((p) => {
              const d = this.details.get(p.id);
              const outcome = this.outcome.get(p.id);
              return html`<tr data-plug=${p.topic}>
                <td><input type="checkbox" aria-label="Select ${p.topic}" .checked=${this.selected.has(p.id)}
                  @change=${(e: Event) => this.toggle(p.id, (e.target as HTMLInputElement).checked)}></td>
                <td><a href="/plugs/${p.id}">${p.topic}</a></td>
                <td>${p.protocol}</td>
                <td>${d?.chip ?? "–"}</td>
                <td>${p.firmwareBuild ?? "–"}</td>
                <td>${d?.mac ?? "–"}${d?.ip ? html`<br><span class="muted">${d.ip}</span>` : nothing}</td>
                <td>${p.online ? "online" : "offline"}</td>
                <td>${formatTime(d?.firstSeenAt)}</td>
                <td><button type="button" ?disabled=${this.busy} @click=${() => this.adoptMany([p.id])}
                  aria-label="Adopt ${p.topic}">Adopt</button>${outcome ? html`<div class="error">${outcome}</div>` : nothing}</td>
              </tr>`;
            })}</tbody>
          </table>
          ${fleet.loaded && plugs.length === 0 ? html`<p class="muted">No plug is waiting for adoption.</p>` : nothing}
        </div>
      </section>`;
  }
}

customElements.define("hub-discovery-page", DiscoveryPage);
