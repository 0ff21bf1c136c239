import { html, nothing } from "lit";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { get } from "../api";
import {
  axisLabel, exportUrl, powerColumns, rangeFor, rangeKinds, seriesUrl, spanSeconds, totalColumns, totalsUrl,
  type EnergyRange, type RangeKind,
} from "../energy-logic";
import type { EnergySeries, EnergyTotal } from "../types";
import { LightElement } from "./light-element";

const labels: Record<RangeKind, string> = { day: "Day", week: "Week", month: "Month", year: "Year", all: "All" };
/** The latest range is fetched again this often, so the chart follows the plug without live pushes of its own. */
const refreshMs = 60_000;
/** Bars and watts start at zero, with headroom above the highest value. */
const fromZero: uPlot.Range.Function = (_u, _min, max) => [0, max != null && max > 0 ? max * 1.1 : 1];

/**
 * A plug's power over a range (the series endpoint picks the resolution) and its energy per day or month as bars.
 * Drag across the power chart to zoom in; "Reset zoom" shows the whole range again. The host carries
 * data-points and data-bars, the number of points each chart last drew.
 */
export class EnergyChart extends LightElement {
  /** Set once by the plug page before the chart is connected. */
  plugId = 0;
  firstSeen: string | null = null;
  private kind: RangeKind = "day";
  private shift = 0;
  private range: EnergyRange | null = null;
  private series: EnergySeries | null = null;
  private totals: EnergyTotal[] = [];
  private error: string | null = null;
  private loading = 0;
  private power: uPlot | null = null;
  private bars: uPlot | null = null;
  private resize: ResizeObserver | null = null;
  private timer: number | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.resize = new ResizeObserver(() => this.fit());
    this.resize.observe(this);
    this.timer = window.setInterval(() => this.shift === 0 && !this.zoomed() && void this.load(), refreshMs);
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resize?.disconnect();
    window.clearInterval(this.timer);
    this.power?.destroy();
    this.bars?.destroy();
    this.power = this.bars = null;
  }

  private pick(kind: RangeKind, shift: number): void {
    this.kind = kind;
    this.shift = kind === "all" ? 0 : Math.max(0, shift);
    void this.load();
  }

  private async load(): Promise<void> {
    const ticket = ++this.loading;
    const range = rangeFor(this.kind, new Date(), this.firstSeen ? new Date(this.firstSeen) : null, this.shift);
    this.range = range;
    this.requestUpdate();
    try {
      const [series, totals] = await Promise.all([
        get<EnergySeries>(seriesUrl(this.plugId, range)),
        get<EnergyTotal[]>(totalsUrl(this.plugId, range)),
      ]);
      if (ticket !== this.loading) return;
      [this.series, this.totals, this.error] = [series, totals, null];
    } catch (e) {
      if (ticket !== this.loading) return;
      // A plug that has never sent a reading is 404 here: an empty chart, not an error.
      const status = (e as { status?: number }).status;
      [this.series, this.totals] = [null, []];
      this.error = status === 404 ? null : e instanceof Error ? e.message : String(e);
    }
    this.requestUpdate();
    await this.updateComplete;
    this.draw();
  }

  private width(): number {
    return Math.max(280, this.querySelector<HTMLElement>(".chart-power")?.clientWidth ?? 600);
  }

  private fit(): void {
    const width = this.width();
    this.power?.setSize({ width, height: 240 });
    this.bars?.setSize({ width, height: 160 });
  }

  private draw(): void {
    this.power?.destroy();
    this.bars?.destroy();
    this.power = this.bars = null;
    const range = this.range!;
    const points = this.series?.points ?? [];
    this.dataset.points = "0";
    this.dataset.bars = "0";
    this.dataset.resolution = this.series?.resolution ?? "";
    if (points.length > 0) {
      this.power = new uPlot({
        width: this.width(), height: 240,
        cursor: { drag: { x: true, y: false } },
        scales: { x: { time: true }, y: { range: fromZero } },
        series: [{}, { label: "Power", stroke: "#2563eb", fill: "rgba(37,99,235,0.12)", width: 1.5,
          // Few points would be dots too close to see as a line; show them.
          points: { show: points.length <= 60, size: 5 },
          value: (_u, v) => (v == null ? "–" : `${v.toFixed(1)} W`) }],
        axes: [{}, { label: "W", size: 64, values: (_u, splits) => splits.map(axisLabel) }],
        hooks: { draw: [(u) => (this.dataset.points = String(u.data[0].length))] },
      }, powerColumns(points), this.querySelector<HTMLElement>(".chart-power")!);
      this.resetZoom();
    }
    if (this.totals.length > 0) {
      const bars = totalColumns(this.totals, range.period);
      const [min, max] = spanSeconds(range, true);
      this.bars = new uPlot({
        width: this.width(), height: 160,
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true, range: () => [min, max] }, y: { range: fromZero } },
        series: [{}, { label: "Energy", stroke: "#059669", fill: "rgba(5,150,105,0.5)",
          paths: uPlot.paths.bars!({ size: [0.7, 60] }), points: { show: false },
          value: (_u, v) => (v == null ? "–" : `${v.toFixed(3)} kWh`) }],
        axes: [{}, { label: "kWh", size: 64, values: (_u, splits) => splits.map(axisLabel) }],
        hooks: { draw: [(u) => (this.dataset.bars = String(u.data[0].length))] },
      }, bars, this.querySelector<HTMLElement>(".chart-bars")!);
    }
  }

  /** Whether the user has dragged out part of the range; a refresh would redraw and lose that. */
  private zoomed(): boolean {
    const x = this.power?.scales.x;
    if (!x || x.min == null || x.max == null || !this.range) return false;
    const [min, max] = spanSeconds(this.range);
    return x.min > min + 1 || x.max < max - 1;
  }

  /** The whole range, not just the span of the points; drag-to-zoom narrows it through the same call. */
  private resetZoom(): void {
    if (!this.power || !this.range) return;
    const [min, max] = spanSeconds(this.range);
    this.power.setScale("x", { min, max });
  }

  protected override render() {
    const r = this.range;
    const points = this.series?.points.length ?? 0;
    return html`
      <div class="chart-tools">
        <div class="segmented" role="group" aria-label="Range">
          ${rangeKinds.map((k) => html`<button type="button" aria-pressed=${k === this.kind ? "true" : "false"}
            @click=${() => this.pick(k, 0)}>${labels[k]}</button>`)}
        </div>
        <button type="button" aria-label="Earlier" title="Earlier" ?disabled=${this.kind === "all"}
          @click=${() => this.pick(this.kind, this.shift + 1)}>‹</button>
        <button type="button" aria-label="Later" title="Later" ?disabled=${this.shift === 0}
          @click=${() => this.pick(this.kind, this.shift - 1)}>›</button>
        <button type="button" @click=${() => this.resetZoom()} ?disabled=${points === 0}>Reset zoom</button>
        ${r ? html`<a class="export" href=${exportUrl(this.plugId, r)} download>Export CSV</a>` : nothing}
      </div>
      ${r ? html`<p class="muted chart-range">${r.from.toLocaleString()} – ${r.to.toLocaleString()}
        ${this.series ? html`· ${points} points, ${this.series.resolution.toLowerCase()} resolution` : nothing}</p>` : nothing}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${points === 0 && !this.error ? html`<p class="muted">No readings in this range.</p>` : nothing}
      <div class="chart-power" data-testid="power-chart"></div>
      <h3>Energy per ${r?.period ?? "day"}</h3>
      <div class="chart-bars" data-testid="energy-bars"></div>
      ${this.totals.length === 0 ? html`<p class="muted">Nothing yet.</p>` : nothing}`;
  }
}

customElements.define("hub-energy-chart", EnergyChart);
