// The plug page's energy ranges and numbers, as plain functions so the unit tests can pin them down.

export type RangeKind = "day" | "week" | "month" | "year" | "all";

export const rangeKinds: RangeKind[] = ["day", "week", "month", "year", "all"];

export interface EnergyRange {
  kind: RangeKind;
  from: Date;
  to: Date;
  /** Days (local dates, `to` exclusive) and the period for the totals bars. */
  fromDay: string;
  toDay: string;
  period: "day" | "month";
}

const dayMs = 86_400_000;
const spans: Record<Exclude<RangeKind, "all">, number> = { day: 1, week: 7, month: 30, year: 365 };
/** The API refuses ranges over ten years. */
const maxYears = 10;

/** A local date as the API's DateOnly (yyyy-MM-dd). */
export function isoDay(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * The range that ends `shift` whole ranges before `now` (0 is the latest). "all" starts where the plug was first seen,
 * at most ten years back, and cannot be shifted.
 */
export function rangeFor(kind: RangeKind, now: Date, firstSeen: Date | null, shift = 0): EnergyRange {
  let from: Date;
  let to: Date;
  if (kind === "all") {
    const limit = new Date(now);
    limit.setFullYear(limit.getFullYear() - maxYears);
    to = now;
    from = firstSeen && firstSeen > limit ? firstSeen : limit;
    if (now.getTime() - from.getTime() < dayMs) from = new Date(now.getTime() - dayMs);
  } else {
    const span = spans[kind] * dayMs;
    to = new Date(now.getTime() - shift * span);
    from = new Date(to.getTime() - span);
  }
  const lastDay = new Date(to.getTime() - 1);
  const toDay = new Date(lastDay.getFullYear(), lastDay.getMonth(), lastDay.getDate() + 1);
  return {
    kind,
    from,
    to,
    fromDay: isoDay(from),
    toDay: isoDay(toDay),
    period: kind === "year" || kind === "all" ? "month" : "day",
  };
}

export interface SeriesPointView {
  at: string;
  energyWh: number;
  avgW: number | null;
}

/** uPlot's columns: unix seconds and average watts (null where the plug sent nothing). */
export function powerColumns(points: SeriesPointView[]): [number[], (number | null)[]] {
  return [points.map((p) => Date.parse(p.at) / 1000), points.map((p) => p.avgW)];
}

export interface TotalView {
  period: string;
  energyKwh: number;
}

/** Totals as bars: the middle of each local day or month in unix seconds, and kWh. */
export function totalColumns(totals: TotalView[], period: "day" | "month"): [number[], number[]] {
  return [
    totals.map((t) => {
      const [y, m, d] = t.period.split("-").map(Number);
      const start = new Date(y, m - 1, d);
      const end = period === "day" ? new Date(y, m - 1, d + 1) : new Date(y, m, d);
      return (start.getTime() + end.getTime()) / 2000;
    }),
    totals.map((t) => t.energyKwh),
  ];
}

/** Axis labels for small numbers: three significant digits, so 0.0004 kWh is not printed as 0. */
export function axisLabel(v: number): string {
  return v === 0 ? "0" : String(Number(v.toPrecision(3)));
}

/** The range's ends in unix seconds; the totals bars span whole days. */
export function spanSeconds(range: EnergyRange, whole = false): [number, number] {
  if (!whole) return [range.from.getTime() / 1000, range.to.getTime() / 1000];
  const [fy, fm, fd] = range.fromDay.split("-").map(Number);
  const [ty, tm, td] = range.toDay.split("-").map(Number);
  const from = range.period === "month" ? new Date(fy, fm - 1, 1) : new Date(fy, fm - 1, fd);
  return [from.getTime() / 1000, new Date(ty, tm - 1, td).getTime() / 1000];
}

export function formatKwh(kwh: number | null | undefined): string {
  if (kwh == null) return "–";
  return `${kwh.toFixed(kwh < 10 ? 3 : kwh < 1000 ? 2 : 0)} kWh`;
}

/** Cost in the tariff's currency; "–" when no tariff applies. */
export function formatCost(cost: number | null | undefined, currency: string | null | undefined): string {
  if (cost == null || !currency) return "–";
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency }).format(cost);
  } catch {
    return `${cost.toFixed(2)} ${currency}`;
  }
}

export function exportUrl(plugId: number, range: EnergyRange): string {
  const q = new URLSearchParams({ from: range.from.toISOString(), to: range.to.toISOString() });
  return `/api/energy/plugs/${plugId}/export.csv?${q}`;
}

export function seriesUrl(plugId: number, range: EnergyRange): string {
  const q = new URLSearchParams({ from: range.from.toISOString(), to: range.to.toISOString() });
  return `/api/energy/plugs/${plugId}/series?${q}`;
}

export function totalsUrl(plugId: number, range: EnergyRange): string {
  const q = new URLSearchParams({ from: range.fromDay, to: range.toDay, period: range.period });
  return `/api/energy/plugs/${plugId}/totals?${q}`;
}
