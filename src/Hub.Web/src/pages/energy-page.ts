import { html, nothing } from "lit";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { get } from "../api";
import { axisLabel, formatKwh } from "../energy-logic";
import { fleet } from "../fleet-store";
import { displayName } from "../fleet-logic";
import {
  consumers, currentRange, distinctNames, fleetTotalsUrl, formatMoney, formatShare, groupTotalsUrl, parseRangeQuery,
  periodColumns, periodLabel, rangeDays, rangeLabel, rangeQuery, rangeSpan, sameRange, share, stepRange, sumTotals,
  tagTotalsUrl, topUrl, type FleetRange, type FleetRangeKind, type Sum,
} from "../fleet-energy-logic";
import { forEachLimited } from "../pool";
import { messageOf } from "../problem";
import { onNavigate } from "../router";
import type { EnergyTotal, TariffView } from "../types";
import { LightElement } from "../components/light-element";

interface PlugTotal {
  plugId: number;
  energyKwh: number;
  cost: number | null;
  currency: string | null;
}

interface NamedSum {
  name: string;
  sum: Sum | null;
  error: string | null;
}

/** The current range is fetched again this often, so the page follows the rollups (once a minute) by itself. */
const refreshMs = 60_000;
const topCount = 10;
const fromZero: uPlot.Range.Function = (_u, _min, max) => [0, max != null && max > 0 ? max * 1.1 : 1];
/** The axis shows the dates the hub named: positions are those dates read as UTC (see periodColumns). */
const utcDate = (ts: number) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC");

/**
 * The fleet's energy and cost per day of a month or per month of a year, its top consumers, and the totals per tag and
 * per group, all from the energy API for the same dates. The range lives in the address (?month=2026-11, ?year=2026).
 */
export class EnergyPage extends LightElement {
  private range: FleetRange = parseRangeQuery(location.search) ?? currentRange("month", new Date());
  private totals: EnergyTotal[] = [];
  private top: PlugTotal[] = [];
  private tags: NamedSum[] = [];
  private groups: NamedSum[] = [];
  private hasTariff = true;
  private error: string | null = null;
  private loaded = false;
  /** The top consumers' names as last drawn. */
  private names = "";
  private loading = 0;
  private chart: uPlot | null = null;
  private resize: ResizeObserver | null = null;
  private readonly cleanup: (() => void)[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = "Energy · Hub";
    this.resize = new ResizeObserver(() => this.chart?.setSize({ width: this.chartWidth(), height: 220 }));
    this.resize.observe(this);
    const timer = window.setInterval(() => this.isCurrent() && void this.load(), refreshMs);
    this.cleanup.push(
      () => window.clearInterval(timer),
      // Back and Forward change the address under the page: follow it.
      onNavigate(() => {
        // A bare /energy (Back to where the page was first opened) is this month.
        const range = parseRangeQuery(location.search) ?? currentRange("month", new Date());
        if (location.pathname === "/energy" && !sameRange(range, this.range)) this.show(range, false);
      }),
      // The fleet changes with every live update; only a rename of a listed plug changes this page.
      fleet.subscribe(() => {
        const names = this.top.map((p) => this.nameOf(p.plugId)).join("\n");
        if (names !== this.names) this.requestUpdate();
      }),
    );
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const c of this.cleanup.splice(0)) c();
    this.resize?.disconnect();
    this.chart?.destroy();
    this.chart = null;
  }

  private isCurrent(): boolean {
    return sameRange(this.range, currentRange(this.range.kind, new Date()));
  }

  private show(range: FleetRange, push = true): void {
    this.range = range;
    // Straight into the history, not navigate(): the shell would scroll to the top on every step.
    if (push) history.pushState(null, "", "/energy" + rangeQuery(range));
    void this.load();
  }

  private async load(): Promise<void> {
    const ticket = ++this.loading;
    const days = rangeDays(this.range);
    this.requestUpdate();
    try {
      await fleet.ensureLoaded();
      const plugs = [...fleet.plugs.values()];
      const [totals, top, tariffs, tags, groups] = await Promise.all([
        get<EnergyTotal[]>(fleetTotalsUrl(days)),
        get<PlugTotal[]>(topUrl(days, topCount)),
        get<TariffView[]>("/api/energy/tariffs"),
        this.sums(distinctNames(plugs.flatMap((p) => p.tags)), (t) => tagTotalsUrl(t, days)),
        this.sums(distinctNames(plugs.map((p) => p.group)), (g) => groupTotalsUrl(g, days)),
      ]);
      if (ticket !== this.loading) return;
      [this.totals, this.top, this.tags, this.groups] = [totals, consumers(top), tags, groups];
      this.hasTariff = tariffs.length > 0;
      this.error = null;
    } catch (e) {
      if (ticket !== this.loading) return;
      [this.totals, this.top, this.tags, this.groups] = [[], [], [], []];
      this.error = messageOf(e);
    }
    this.loaded = true;
    this.requestUpdate();
    await this.updateComplete;
    this.draw();
  }

  /** One request per tag or group, a few at a time; a refusal stays on its own row. */
  private async sums(names: string[], url: (name: string) => string): Promise<NamedSum[]> {
    const results = await forEachLimited(names, 4, (name) => get<EnergyTotal[]>(url(name)));
    return names.map((name, i) => {
      const r = results[i];
      return r.status === "fulfilled"
        ? { name, sum: sumTotals(r.value), error: null }
        : { name, sum: null, error: messageOf(r.reason) };
    });
  }

  private chartWidth(): number {
    return Math.max(280, this.querySelector<HTMLElement>(".chart-bars")?.clientWidth ?? 600);
  }

  private draw(): void {
    this.chart?.destroy();
    this.chart = null;
    this.dataset.bars = "0";
    const target = this.querySelector<HTMLElement>(".chart-bars");
    if (!target || this.totals.length === 0) return;
    const days = rangeDays(this.range);
    const [xs, kwh, cost] = periodColumns(this.totals, days.period);
    const [min, max] = rangeSpan(days);
    const currency = sumTotals(this.totals).currency;
    const priced = this.hasTariff && currency != null;
    const series: uPlot.Series[] = [{}, {
      label: "Energy", scale: "kWh", stroke: "#059669", fill: "rgba(5,150,105,0.5)",
      paths: uPlot.paths.bars!({ size: [0.7, 60] }), points: { show: false },
      value: (_u, v) => (v == null ? "–" : formatKwh(v)),
    }];
    const axes: uPlot.Axis[] = [{}, { scale: "kWh", label: "kWh", size: 64, values: (_u, s) => s.map(axisLabel) }];
    if (priced) {
      series.push({
        label: "Cost", scale: "cost", stroke: "#b7791f", width: 2, paths: uPlot.paths.stepped!({ align: 1 }),
        points: { show: false }, value: (_u, v) => formatMoney(v, currency),
      });
      axes.push({ scale: "cost", label: currency, side: 1, size: 64, grid: { show: false }, values: (_u, s) => s.map(axisLabel) });
    }
    this.chart = new uPlot({
      width: this.chartWidth(), height: 220, tzDate: utcDate,
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true, range: () => [min, max] }, kWh: { range: fromZero }, cost: { range: fromZero } },
      series, axes,
      hooks: { draw: [(u) => (this.dataset.bars = String(u.data[0].length))] },
    }, priced ? [xs, kwh, cost] : [xs, kwh], target);
  }

  private nameOf(plugId: number): string {
    const plug = fleet.plugs.get(plugId);
    return plug ? displayName(plug) : `Plug ${plugId}`;
  }

  private tools() {
    const r = this.range;
    const unit = r.kind;
    const kinds: { kind: FleetRangeKind; label: string }[] = [{ kind: "month", label: "Month" }, { kind: "year", label: "Year" }];
    return html`
      <div class="chart-tools">
        <div class="segmented" role="group" aria-label="Range">
          ${kinds.map((k) => html`<button type="button" aria-pressed=${k.kind === r.kind ? "true" : "false"}
            @click=${() => this.show(currentRange(k.kind, new Date()))}>${k.label}</button>`)}
        </div>
        <button type="button" aria-label="Previous ${unit}" title="Previous ${unit}" @click=${() => this.show(stepRange(r, -1))}>‹</button>
        <strong class="range-label" data-testid="energy-range" aria-live="polite">${rangeLabel(r)}</strong>
        <button type="button" aria-label="Next ${unit}" title="Next ${unit}" ?disabled=${this.isCurrent()}
          @click=${() => this.show(stepRange(r, 1))}>›</button>
        <button type="button" ?disabled=${this.isCurrent()} @click=${() => this.show(currentRange(r.kind, new Date()))}>
          This ${unit}</button>
      </div>`;
  }

  private money(sum: { cost: number | null; currency: string | null } | null) {
    return this.hasTariff ? html`<td class="num">${formatMoney(sum?.cost, sum?.currency)}</td>` : nothing;
  }

  /** Said only once an answer came: before that an empty list means "not yet", and after an error the error says it. */
  private empty(text: string) {
    return this.loaded && !this.error ? html`<p class="muted">${text}</p>` : nothing;
  }

  private namedTable(title: string, kind: "tag" | "group", rows: NamedSum[]) {
    return html`
      <h2>${title}</h2>
      ${rows.length === 0 ? this.empty(`No plug has a ${kind}.`) : html`
        <div class="table-wrap">
          <table data-testid="energy-by-${kind}">
            <thead><tr><th scope="col">${kind === "tag" ? "Tag" : "Group"}</th><th scope="col">Energy</th>
              ${this.hasTariff ? html`<th scope="col">Cost</th>` : nothing}</tr></thead>
            <tbody>${rows.map((row) => html`
              <tr data-tag=${kind === "tag" ? row.name : nothing} data-group=${kind === "group" ? row.name : nothing}
                data-kwh=${row.sum ? String(row.sum.energyKwh) : nothing}>
                <th scope="row">${row.name}</th>
                ${row.error ? html`<td colspan="2" class="error">${row.error}</td>`
                  : html`<td class="num">${formatKwh(row.sum?.energyKwh)}</td>${this.money(row.sum)}`}
              </tr>`)}
            </tbody>
          </table>
        </div>`}`;
  }

  protected override render() {
    this.names = this.top.map((p) => this.nameOf(p.plugId)).join("\n");
    const days = rangeDays(this.range);
    const total = sumTotals(this.totals);
    return html`
      <section class="page energy-page">
        <h1>Energy</h1>
        ${this.tools()}
        ${this.error ? html`<p class="error" role="alert" data-testid="energy-error">${this.error}</p>` : nothing}
        ${this.hasTariff ? nothing : html`<p class="muted" data-testid="no-tariff">No tariff is set, so no cost is shown.
          <a href="/settings#tariffs">Add one in Settings → Tariffs</a>.</p>`}
        <div class="readings">
          <div><span class="label">Energy</span><span class="value" data-testid="fleet-kwh"
            data-kwh=${String(total.energyKwh)}>${this.loaded ? formatKwh(total.energyKwh) : "…"}</span></div>
          ${this.hasTariff ? html`<div><span class="label">Cost</span><span class="value" data-testid="fleet-cost"
            data-cost=${total.cost == null ? nothing : String(total.cost)}>${formatMoney(total.cost, total.currency)}</span></div>` : nothing}
        </div>
        <h2>Per ${days.period}</h2>
        <div class="chart-bars" data-testid="fleet-chart"></div>
        ${this.totals.length === 0 ? this.empty("No energy stored for this range.") : nothing}
        ${this.totals.length === 0 ? nothing : html`
          <div class="table-wrap">
            <table data-testid="fleet-totals">
              <thead><tr><th scope="col">${days.period === "day" ? "Day" : "Month"}</th><th scope="col">Energy</th>
                ${this.hasTariff ? html`<th scope="col">Cost</th>` : nothing}</tr></thead>
              <tbody>${this.totals.map((t) => html`
                <tr data-period=${t.period}><th scope="row">${periodLabel(t.period, days.period)}</th>
                  <td class="num">${formatKwh(t.energyKwh)}</td>${this.money(t)}</tr>`)}
              </tbody>
              <tfoot><tr><th scope="row">Total</th><td class="num">${formatKwh(total.energyKwh)}</td>${this.money(total)}</tr></tfoot>
            </table>
          </div>`}

        <h2>Top consumers</h2>
        ${this.top.length === 0 ? this.empty("No plug used energy in this range.") : html`
          <div class="table-wrap">
            <table data-testid="top-consumers">
              <thead><tr><th scope="col">Plug</th><th scope="col">Energy</th>
                ${this.hasTariff ? html`<th scope="col">Cost</th>` : nothing}<th scope="col">Share</th></tr></thead>
              <tbody>${this.top.map((p) => html`
                <tr data-plug-id=${p.plugId} data-kwh=${String(p.energyKwh)} data-cost=${p.cost == null ? nothing : String(p.cost)}>
                  <th scope="row"><a href="/plugs/${p.plugId}">${this.nameOf(p.plugId)}</a></th>
                  <td class="num">${formatKwh(p.energyKwh)}</td>${this.money(p)}
                  <td class="num">${formatShare(share(p.energyKwh, total.energyKwh))}</td>
                </tr>`)}
              </tbody>
            </table>
          </div>`}

        ${this.namedTable("By tag", "tag", this.tags)}
        ${this.namedTable("By group", "group", this.groups)}
      </section>`;
  }
}

customElements.define("hub-energy-page", EnergyPage);
