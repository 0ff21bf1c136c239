// The Energy page's ranges, addresses and sums, as plain functions so the unit tests can pin them down. Ranges are
// calendar months and years named by their dates only: the hub turns dates into instants in its own time zone, so the
// browser never computes a day boundary.

export type FleetRangeKind = "month" | "year";

export interface FleetRange {
  kind: FleetRangeKind;
  year: number;
  /** 1–12 for a month range; 1 for a year range. */
  month: number;
}

export interface RangeDays {
  /** The API's dates (yyyy-MM-dd), `to` exclusive. */
  from: string;
  to: string;
  /** Bars per day for a month, per month for a year. */
  period: "day" | "month";
}

export interface TotalLike {
  period: string;
  energyKwh: number;
  cost: number | null;
  currency: string | null;
}

export interface Sum {
  energyKwh: number;
  cost: number | null;
  currency: string | null;
}

const pad = (n: number) => String(n).padStart(2, "0");
const monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
  "November", "December"];

/** The month or year that holds `today` (the browser's calendar date; the hub still draws the day lines). */
export function currentRange(kind: FleetRangeKind, today: Date): FleetRange {
  return { kind, year: today.getFullYear(), month: kind === "month" ? today.getMonth() + 1 : 1 };
}

/** `steps` whole months or years later (negative: earlier). */
export function stepRange(range: FleetRange, steps: number): FleetRange {
  if (range.kind === "year") return { ...range, year: range.year + steps };
  const index = range.year * 12 + (range.month - 1) + steps;
  return { kind: "month", year: Math.floor(index / 12), month: (((index % 12) + 12) % 12) + 1 };
}

export function sameRange(a: FleetRange, b: FleetRange): boolean {
  return a.kind === b.kind && a.year === b.year && a.month === b.month;
}

export function rangeDays(range: FleetRange): RangeDays {
  if (range.kind === "year") return { from: `${range.year}-01-01`, to: `${range.year + 1}-01-01`, period: "month" };
  const next = stepRange(range, 1);
  return { from: `${range.year}-${pad(range.month)}-01`, to: `${next.year}-${pad(next.month)}-01`, period: "day" };
}

export function rangeLabel(range: FleetRange): string {
  return range.kind === "year" ? String(range.year) : `${monthNames[range.month - 1]} ${range.year}`;
}

/** The range in the address (`?month=2026-11` or `?year=2026`), so reloads, links and Back keep it. */
export function rangeQuery(range: FleetRange): string {
  return range.kind === "year" ? `?year=${range.year}` : `?month=${range.year}-${pad(range.month)}`;
}

/** The range an address names, or null when it names none (or nonsense). */
export function parseRangeQuery(search: string): FleetRange | null {
  const q = new URLSearchParams(search);
  const month = /^(\d{4})-(\d{2})$/.exec(q.get("month") ?? "");
  if (month) {
    const m = Number(month[2]);
    return m >= 1 && m <= 12 ? { kind: "month", year: Number(month[1]), month: m } : null;
  }
  const year = /^(\d{4})$/.exec(q.get("year") ?? "");
  return year ? { kind: "year", year: Number(year[1]), month: 1 } : null;
}

function query(days: RangeDays, withPeriod = true): string {
  const q = new URLSearchParams({ from: days.from, to: days.to });
  if (withPeriod) q.set("period", days.period);
  return q.toString();
}

export function fleetTotalsUrl(days: RangeDays): string {
  return `/api/energy/fleet/totals?${query(days)}`;
}

export function topUrl(days: RangeDays, count: number): string {
  return `/api/energy/fleet/top?${query(days, false)}&count=${count}`;
}

export function tagTotalsUrl(tag: string, days: RangeDays): string {
  return `/api/energy/tags/${encodeURIComponent(tag)}/totals?${query(days)}`;
}

export function groupTotalsUrl(group: string, days: RangeDays): string {
  return `/api/energy/groups/${encodeURIComponent(group)}/totals?${query(days)}`;
}

/** The range's energy and cost; cost is null when no period had one (no tariff). */
export function sumTotals(totals: readonly TotalLike[]): Sum {
  const priced = totals.filter((t) => t.cost != null);
  return {
    energyKwh: totals.reduce((s, t) => s + t.energyKwh, 0),
    cost: priced.length === 0 ? null : Math.round(priced.reduce((s, t) => s + (t.cost ?? 0), 0) * 10_000) / 10_000,
    currency: priced.find((t) => t.currency)?.currency ?? null,
  };
}

/** The top list without plugs that used nothing: the API ranks every plug with stored readings, zeros too. */
export function consumers<T extends { energyKwh: number }>(top: readonly T[]): T[] {
  return top.filter((p) => p.energyKwh > 0);
}

/** A plug's share of the fleet's energy in percent, or null when the fleet used none. */
export function share(energyKwh: number, fleetKwh: number): number | null {
  if (!(fleetKwh > 0)) return null;
  return Math.min(100, Math.max(0, (energyKwh / fleetKwh) * 100));
}

export function formatShare(percent: number | null): string {
  if (percent == null) return "–";
  return percent > 0 && percent < 0.1 ? "<0.1%" : `${percent.toFixed(1)}%`;
}

/** An amount with the currency code the API gave: four decimals below 1, so a few Wh still show a cost. */
export function formatMoney(cost: number | null | undefined, currency: string | null | undefined): string {
  if (cost == null || !currency) return "–";
  return `${cost.toFixed(Math.abs(cost) < 1 ? 4 : 2)} ${currency}`;
}

/** Distinct non-empty names, matched case-insensitively as the API does, in a stable order. */
export function distinctNames(names: Iterable<string | null | undefined>): string[] {
  const seen = new Map<string, string>();
  for (const name of names) {
    const trimmed = name?.trim();
    if (trimmed && !seen.has(trimmed.toLowerCase())) seen.set(trimmed.toLowerCase(), trimmed);
  }
  return [...seen.values()].sort((a, b) => a.localeCompare(b));
}

/**
 * Bar positions for uPlot drawn in UTC: the middle of each period as if its date were a UTC date. The chart labels
 * its axis in UTC too, so a bar sits under the date the hub named, whatever the browser's zone.
 */
export function periodColumns(totals: readonly TotalLike[], period: "day" | "month"): [number[], number[], (number | null)[]] {
  const xs = totals.map((t) => {
    const [start, end] = periodSpan(t.period, period);
    return (start + end) / 2;
  });
  return [xs, totals.map((t) => t.energyKwh), totals.map((t) => t.cost)];
}

/** A period's start and end in "UTC-named" unix seconds (see periodColumns). */
export function periodSpan(day: string, period: "day" | "month"): [number, number] {
  const [y, m, d] = day.split("-").map(Number);
  const start = Date.UTC(y, m - 1, d) / 1000;
  const end = (period === "day" ? Date.UTC(y, m - 1, d + 1) : Date.UTC(y, m, 1)) / 1000;
  return [start, end];
}

/** The whole range's ends for the chart's x scale, so an empty start of the month still shows as empty. */
export function rangeSpan(days: RangeDays): [number, number] {
  return [periodSpan(days.from, "day")[0], periodSpan(days.to, "day")[0]];
}

/** How a period is named in the table: "Mon 3 Nov" style for days, the month's name for months. */
export function periodLabel(day: string, period: "day" | "month"): string {
  const [y, m, d] = day.split("-").map(Number);
  if (period === "month") return `${monthNames[m - 1]} ${y}`;
  const weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  return `${weekday} ${d} ${monthNames[m - 1].slice(0, 3)}`;
}

/**
 * A maximum power as typed: a finite number of watts, or undefined for anything else. Whether it is in range is the
 * API's call, and its answer is shown.
 */
export function parseWatts(text: string): number | undefined {
  const t = text.trim().replace(",", ".");
  if (!/^-?\d+(\.\d+)?$/.test(t)) return undefined;
  const value = Number(t);
  return Number.isFinite(value) ? value : undefined;
}
