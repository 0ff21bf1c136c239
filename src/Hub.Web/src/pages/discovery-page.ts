import { html, nothing } from "lit";
import { api, get } from "../api";
import { adopt } from "../commands";
import { fleet } from "../fleet-store";
import { formatTime } from "../format";
import { notify, notifyError } from "../notices";
import { forEachLimited } from "../pool";
import { messageOf } from "../problem";
import type { DiscoveryReport, PlugDetails, PlugSummary } from "../types";
import { LightElement } from "../components/light-element";

/** Plugs that reached the broker on the bootstrap account and wait to be adopted into the fleet. */
export class DiscoveryPage extends LightElement {
  private readonly selected = new Set<number>();
  private readonly details = new Map<number, PlugDetails>();
  private readonly outcome = new Map<number, string>();
  private busy = false;
  private searching = false;
  private report: DiscoveryReport | null = null;
  private searchError: string | null = null;
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

  /** SSDP search or a scan of the range the owner typed; only what the owner names is probed (the hub checks it too). */
  private async find(kind: "ssdp" | "scan", form?: HTMLFormElement): Promise<void> {
    let body: unknown = undefined;
    if (kind === "scan" && form) {
      const data = new FormData(form);
      const ports = String(data.get("ports") ?? "").split(/[\s,]+/).filter((p) => p !== "").map(Number);
      body = { range: String(data.get("range") ?? "").trim(), ports: ports.length > 0 ? ports : null };
    }
    this.searching = true;
    this.searchError = null;
    this.requestUpdate();
    try {
      this.report = await api<DiscoveryReport>("POST", `/api/discovery/${kind}`, body);
      await fleet.reload();
    } catch (e) {
      this.report = null;
      this.searchError = messageOf(e);
    } finally {
      this.searching = false;
      this.requestUpdate();
    }
  }

  private findSection() {
    const r = this.report;
    return html`
      <h2>Find plugs</h2>
      <div class="actions">
        <button type="button" ?disabled=${this.searching} @click=${() => this.find("ssdp")}>Search the network (SSDP)</button>
      </div>
      <form class="edit" aria-label="Scan an address range" @submit=${(e: Event) => {
        e.preventDefault();
        void this.find("scan", e.target as HTMLFormElement);
      }}>
        <label>Address range <input name="range" required placeholder="192.168.1.0/24 or 192.168.1.10-192.168.1.60"
          aria-describedby="scan-help"></label>
        <label>Ports <input name="ports" placeholder="80" inputmode="numeric"></label>
        <button type="submit" ?disabled=${this.searching}>Scan</button>
      </form>
      <p class="muted" id="scan-help">Only the addresses and ports given here are asked, over HTTP, for a plug's identity.</p>
      ${this.searching ? html`<p class="muted" aria-live="polite">Searching…</p>` : nothing}
      ${this.searchError ? html`<p class="error" role="alert" data-testid="find-error">${this.searchError}</p>` : nothing}
      ${r ? html`<p data-testid="find-report" aria-live="polite">${r.method}: asked ${r.probed}, ${r.answered} answered,
          ${r.plugs.length} plug${r.plugs.length === 1 ? "" : "s"} found${r.plugs.length > 0 ? ": " : "."}
          ${r.plugs.map((p, i) => html`${i > 0 ? ", " : ""}${p.plugId ? html`<a href="/plugs/${p.plugId}">${p.topic ?? p.plugId}</a>` : p.topic ?? "?"}
            <span class="muted">(${(p.status ?? "").toLowerCase()}${p.change ? `, ${p.change.toLowerCase()}` : ""})</span>`)}</p>` : nothing}`;
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
        ${this.findSection()}
      </section>`;
  }
}

customElements.define("hub-discovery-page", DiscoveryPage);
