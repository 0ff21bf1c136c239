import { html, nothing } from "lit";
import { bulkRelay, bulkTag, switchRelay } from "../commands";
import {
  displayName, distinctGroups, distinctTags, filterFromQuery, filterToQuery, relayOn, view, visibleRange,
  type FleetFilter, type FleetSort, type SortKey,
} from "../fleet-logic";
import { fleet } from "../fleet-store";
import { energyToday } from "../energy-today";
import { formatKwh } from "../energy-logic";
import { formatRssi, formatUptime, formatWatts } from "../format";
import { notify, notifyError } from "../notices";
import type { PlugSummary } from "../types";
import { LightElement } from "../components/light-element";

const RowHeight = 44;

const columns: { key: SortKey | null; label: string; cls: string }[] = [
  { key: "name", label: "Plug", cls: "c-name" },
  { key: "online", label: "Online", cls: "c-online" },
  { key: "relay", label: "Relay", cls: "c-relay" },
  { key: "power", label: "Power", cls: "c-power" },
  { key: null, label: "Today", cls: "c-today" },
  { key: "build", label: "Build", cls: "c-build" },
  { key: "reboot", label: "Last reboot", cls: "c-reboot" },
  { key: "uptime", label: "Uptime", cls: "c-uptime" },
  { key: "rssi", label: "RSSI", cls: "c-rssi" },
  { key: null, label: "Tags", cls: "c-tags" },
];

function formatTodayKwh(wh: number | null): string {
  return wh === null ? "–" : formatKwh(wh / 1000);
}

/**
 * Every plug in one virtualised list: only the rows in view (plus a few) exist in the DOM, so a thousand plugs
 * updating every second cost the same as forty.
 */
export class FleetPage extends LightElement {
  private filter: FleetFilter = filterFromQuery(location.search);
  private sort: FleetSort = { key: "name", descending: false };
  private readonly selected = new Set<number>();
  private readonly pending = new Set<number>();
  private listTop = 0;
  private viewportHeight = 600;
  private bulkBusy = false;
  private cached: { version: number; filter: FleetFilter; sort: FleetSort; rows: PlugSummary[] } | null = null;
  private unsubscribe: (() => void) | null = null;
  private unwatchEnergy: (() => void) | null = null;
  private resize: ResizeObserver | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.unsubscribe = fleet.subscribe(() => this.requestUpdate());
    this.unwatchEnergy = energyToday.watch(() => this.requestUpdate());
    void fleet.ensureLoaded();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unwatchEnergy?.();
    this.resize?.disconnect();
  }

  protected override firstUpdated(): void {
    const body = this.querySelector<HTMLElement>(".grid-body")!;
    this.resize = new ResizeObserver(() => {
      this.viewportHeight = body.clientHeight;
      this.requestUpdate();
    });
    this.resize.observe(body);
  }

  protected override updated(): void {
    // For the benchmark (docs/benchmarks.md): when the first full list was on screen.
    if (fleet.loaded && performance.getEntriesByName("hub:fleet-rendered").length === 0) {
      performance.mark("hub:fleet-rendered");
    }
  }

  private rows(): PlugSummary[] {
    const c = this.cached;
    if (c && c.version === fleet.version && c.filter === this.filter && c.sort === this.sort) return c.rows;
    const rows = view(fleet.plugs.values(), this.filter, this.sort);
    this.cached = { version: fleet.version, filter: this.filter, sort: this.sort, rows };
    return rows;
  }

  private setFilter(change: Partial<FleetFilter>): void {
    this.filter = { ...this.filter, ...change };
    history.replaceState(history.state, "", location.pathname + filterToQuery(this.filter));
    this.requestUpdate();
  }

  private sortBy(key: SortKey): void {
    this.sort = { key, descending: this.sort.key === key ? !this.sort.descending : false };
    this.requestUpdate();
  }

  private onScroll(e: Event): void {
    this.listTop = (e.target as HTMLElement).scrollTop;
    this.requestUpdate();
  }

  private toggleSelected(id: number, on: boolean): void {
    if (on) this.selected.add(id);
    else this.selected.delete(id);
    this.requestUpdate();
  }

  private selectAll(on: boolean, rows: PlugSummary[]): void {
    this.selected.clear();
    if (on) for (const r of rows) this.selected.add(r.id);
    this.requestUpdate();
  }

  private async toggleRelay(p: PlugSummary): Promise<void> {
    this.pending.add(p.id);
    this.requestUpdate();
    try {
      await switchRelay(p.id, 1, !relayOn(p));
    } catch (e) {
      notifyError(e);
    } finally {
      this.pending.delete(p.id);
      this.requestUpdate();
    }
  }

  private selectedPlugs(): PlugSummary[] {
    return [...this.selected].map((id) => fleet.plugs.get(id)).filter((p): p is PlugSummary => p != null);
  }

  private async bulk(work: () => Promise<string>): Promise<void> {
    this.bulkBusy = true;
    this.requestUpdate();
    try {
      notify(await work());
    } catch (e) {
      notifyError(e);
    } finally {
      this.bulkBusy = false;
      this.requestUpdate();
    }
  }

  private bulkSwitch(on: boolean): Promise<void> {
    return this.bulk(async () => {
      const items = await bulkRelay([...this.selected], on);
      const ok = items.filter((i) => i.outcome === "Confirmed").length;
      const others = items.filter((i) => i.outcome !== "Confirmed").map((i) => `${i.topic}: ${i.outcome}`);
      return `Switched ${ok} of ${items.length} plugs ${on ? "on" : "off"}.` + (others.length ? ` ${others.join(", ")}` : "");
    });
  }

  private bulkTags(add: boolean): Promise<void> {
    const input = this.querySelector<HTMLInputElement>("#bulk-tag")!;
    const tag = input.value.trim();
    if (!tag) {
      notify("Type a tag first.", "error");
      input.focus();
      return Promise.resolve();
    }
    return this.bulk(async () => {
      const { done, failed } = await bulkTag(this.selectedPlugs(), tag, add);
      input.value = "";
      const verb = add ? "Tagged" : "Untagged";
      return failed.length ? `${verb} ${done} plugs; ${failed.length} failed: ${failed[0].reason}` : `${verb} ${done} plugs.`;
    });
  }

  private header(rows: PlugSummary[]) {
    const all = rows.length > 0 && rows.every((r) => this.selected.has(r.id));
    return html`
      <div class="grid-row grid-head" role="row">
        <span role="columnheader" class="c-select">
          <input type="checkbox" aria-label="Select all shown plugs" .checked=${all}
            @change=${(e: Event) => this.selectAll((e.target as HTMLInputElement).checked, rows)}>
        </span>
        ${columns.map((c) => c.key
          ? html`<span role="columnheader" class=${c.cls}
              aria-sort=${this.sort.key === c.key ? (this.sort.descending ? "descending" : "ascending") : "none"}>
              <button type="button" class="sort" @click=${() => this.sortBy(c.key!)}>${c.label}${this.sort.key === c.key
                ? (this.sort.descending ? " ↓" : " ↑") : ""}</button></span>`
          : html`<span role="columnheader" class=${c.cls}>${c.label}</span>`)}
      </div>`;
  }

  private row(p: PlugSummary, index: number) {
    const on = relayOn(p);
    const name = displayName(p);
    const busy = this.pending.has(p.id);
    return html`
      <div class="grid-row ${p.online ? "" : "offline"}" role="row" aria-rowindex=${index + 2} data-plug=${p.topic}
        style="transform: translateY(${index * RowHeight}px)">
        <span role="cell" class="c-select"><input type="checkbox" aria-label="Select ${name}"
          .checked=${this.selected.has(p.id)}
          @change=${(e: Event) => this.toggleSelected(p.id, (e.target as HTMLInputElement).checked)}></span>
        <span role="cell" class="c-name"><span class="dot narrow-only ${p.online ? "on" : ""}"></span><a href="/plugs/${p.id}">${name}</a>${p.status === "Pending"
          ? html` <span class="badge">pending</span>` : nothing}</span>
        <span role="cell" class="c-online"><span class="dot ${p.online ? "on" : ""}"></span>${p.online ? "online" : "offline"}</span>
        <span role="cell" class="c-relay">
          <button type="button" role="switch" class="switch" aria-checked=${on ? "true" : "false"} aria-busy=${busy ? "true" : "false"}
            aria-label="Relay of ${name}" ?disabled=${busy || !p.online || p.status !== "Adopted"}
            @click=${() => this.toggleRelay(p)}><span></span></button></span>
        <span role="cell" class="c-power num">${formatWatts(p.powerW)}</span>
        <span role="cell" class="c-today num">${formatTodayKwh(energyToday.of(p.id))}</span>
        <span role="cell" class="c-build" title=${p.firmwareBuild ?? ""}>${p.firmwareBuild ?? "–"}</span>
        <span role="cell" class="c-reboot" title=${p.lastRebootReason ?? ""}>${p.lastRebootReason ?? "–"}</span>
        <span role="cell" class="c-uptime num">${formatUptime(p.uptimeSeconds)}</span>
        <span role="cell" class="c-rssi num">${formatRssi(p.rssiDbm)}</span>
        <span role="cell" class="c-tags">${p.tags.map((t) => html`<span class="tag">${t}</span>`)}</span>
      </div>`;
  }

  protected override render() {
    const rows = this.rows();
    const { first, last } = visibleRange(this.listTop, this.viewportHeight, RowHeight, rows.length);
    const plugs = fleet.plugs.values();
    const tags = distinctTags(fleet.plugs.values());
    const groups = distinctGroups(plugs);
    const f = this.filter;
    return html`
      <section class="page wide">
        <div class="title-row">
          <h1>Fleet</h1>
          <span class="muted" data-testid="fleet-count">${rows.length} of ${fleet.plugs.size} plugs</span>
        </div>
        <div class="toolbar" role="search">
          <label>Search <input type="search" .value=${f.search} placeholder="name, topic, tag, build"
            @input=${(e: Event) => this.setFilter({ search: (e.target as HTMLInputElement).value })}></label>
          <label>Status <select @change=${(e: Event) => this.setFilter({ status: (e.target as HTMLSelectElement).value as FleetFilter["status"] })}>
            ${["Adopted", "Pending", "All"].map((s) => html`<option ?selected=${f.status === s}>${s}</option>`)}</select></label>
          <label>Online <select @change=${(e: Event) => this.setFilter({ online: (e.target as HTMLSelectElement).value as FleetFilter["online"] })}>
            ${["any", "online", "offline"].map((s) => html`<option ?selected=${f.online === s}>${s}</option>`)}</select></label>
          <label>Tag <select @change=${(e: Event) => this.setFilter({ tag: (e.target as HTMLSelectElement).value })}>
            <option value="">any</option>${tags.map((t) => html`<option ?selected=${f.tag === t}>${t}</option>`)}</select></label>
          <label>Group <select @change=${(e: Event) => this.setFilter({ group: (e.target as HTMLSelectElement).value })}>
            <option value="">any</option>${groups.map((g) => html`<option ?selected=${f.group === g}>${g}</option>`)}</select></label>
        </div>
        ${this.selected.size > 0 ? html`
          <div class="bulk" role="region" aria-label="Bulk actions">
            <strong>${this.selected.size} selected</strong>
            <button type="button" ?disabled=${this.bulkBusy} @click=${() => this.bulkSwitch(true)}>Turn on</button>
            <button type="button" ?disabled=${this.bulkBusy} @click=${() => this.bulkSwitch(false)}>Turn off</button>
            <label class="inline">Tag <input id="bulk-tag" size="10" maxlength="64"></label>
            <button type="button" ?disabled=${this.bulkBusy} @click=${() => this.bulkTags(true)}>Add tag</button>
            <button type="button" ?disabled=${this.bulkBusy} @click=${() => this.bulkTags(false)}>Remove tag</button>
            <button type="button" class="ghost" @click=${() => this.selectAll(false, [])}>Clear</button>
          </div>` : nothing}
        ${fleet.error ? html`<p class="error" role="alert">${fleet.error}</p>` : nothing}
        <div class="grid" role="table" aria-label="Plugs" aria-rowcount=${rows.length + 1}>
          ${this.header(rows)}
          <div class="grid-body" @scroll=${this.onScroll}>
            <div class="grid-space" role="rowgroup" style="height: ${rows.length * RowHeight}px">
              ${rows.slice(first, last).map((p, i) => this.row(p, first + i))}
            </div>
            ${fleet.loaded && rows.length === 0 ? html`<p class="empty">${fleet.plugs.size === 0
              ? html`No plugs yet. New plugs appear under <a href="/discovery">Discovery</a>.`
              : "No plug matches these filters."}</p>` : nothing}
            ${!fleet.loaded && !fleet.error ? html`<p class="empty">Loading…</p>` : nothing}
          </div>
        </div>
      </section>`;
  }
}

customElements.define("hub-fleet-page", FleetPage);
