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

/** Totals as bars: the start of each local day or month in unix seconds, and kWh. */
export function totalColumns(totals: TotalView[]): [number[], number[]] {
  return [
    totals.map((t) => {
      const [y, m, d] = t.period.split("-").map(Number);
      return new Date(y, m - 1, d).getTime() / 1000;
    }),
    totals.map((t) => t.energyKwh),
  ];
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
