import { describe, expect, it } from "vitest";
import {
  axisLabel, formatCost, formatKwh, isoDay, powerColumns, rangeFor, spanSeconds, totalColumns, totalsUrl,
} from "./energy-logic";

const now = new Date(2026, 10, 25, 10, 30);

describe("energy ranges", () => {
  it("ends each range now and spans its length, with totals per day up to a month and per month beyond", () => {
    for (const [kind, days, period] of [["day", 1, "day"], ["week", 7, "day"], ["month", 30, "day"], ["year", 365, "month"]] as const) {
      const r = rangeFor(kind, now, null);
      expect(r.to).toEqual(now);
      expect((r.to.getTime() - r.from.getTime()) / 86_400_000).toBe(days);
      expect(r.period).toBe(period);
      expect(r.toDay).toBe("2026-11-26");
    }
  });

  it("steps back whole ranges when shifted", () => {
    const r = rangeFor("week", now, null, 2);
    expect(r.to.getTime()).toBe(now.getTime() - 14 * 86_400_000);
    expect(r.fromDay).toBe(isoDay(new Date(now.getTime() - 21 * 86_400_000)));
  });

  it("takes all from the first sighting, at most ten years and at least a day", () => {
    expect(rangeFor("all", now, new Date(2025, 0, 1)).from).toEqual(new Date(2025, 0, 1));
    expect(rangeFor("all", now, new Date(2001, 0, 1)).from).toEqual(new Date(2016, 10, 25, 10, 30));
    expect(rangeFor("all", now, null).from.getFullYear()).toBe(2016);
    const fresh = rangeFor("all", now, new Date(now.getTime() - 60_000));
    expect(now.getTime() - fresh.from.getTime()).toBe(86_400_000);
  });

  it("asks for totals with dates and an exclusive end", () => {
    expect(totalsUrl(7, rangeFor("day", now, null))).toBe("/api/energy/plugs/7/totals?from=2026-11-24&to=2026-11-26&period=day");
  });
});

describe("chart columns", () => {
  it("turns points into unix seconds and watts, keeping gaps", () => {
    const [xs, ws] = powerColumns([
      { at: "2026-11-25T10:00:00Z", energyWh: 1, avgW: 60 },
      { at: "2026-11-25T10:01:00Z", energyWh: 0, avgW: null },
    ]);
    expect(xs).toEqual([Date.parse("2026-11-25T10:00:00Z") / 1000, Date.parse("2026-11-25T10:01:00Z") / 1000]);
    expect(ws).toEqual([60, null]);
  });

  it("puts each total in the middle of its local day or month", () => {
    expect(totalColumns([{ period: "2026-11-01", energyKwh: 2.5 }], "day"))
      .toEqual([[new Date(2026, 10, 1, 12).getTime() / 1000], [2.5]]);
    expect(totalColumns([{ period: "2026-11-01", energyKwh: 2.5 }], "month"))
      .toEqual([[new Date(2026, 10, 16).getTime() / 1000], [2.5]]);
  });

  it("labels small axis values with three significant digits", () => {
    expect([0, 0.00041234, 1.5, 1234.5].map(axisLabel)).toEqual(["0", "0.000412", "1.5", "1230"]);
  });

  it("widens the bars' span to whole days or months", () => {
    const r = rangeFor("year", now, null);
    expect(spanSeconds(r, true)).toEqual([new Date(2025, 10, 1).getTime() / 1000, new Date(2026, 10, 26).getTime() / 1000]);
    expect(spanSeconds(r)).toEqual([r.from.getTime() / 1000, now.getTime() / 1000]);
  });
});

describe("energy numbers", () => {
  it("shows kWh with fewer decimals as it grows, and dashes when unknown", () => {
    expect(formatKwh(0.0421)).toBe("0.042 kWh");
    expect(formatKwh(12.345)).toBe("12.35 kWh");
    expect(formatKwh(1234.5)).toBe("1235 kWh");
    expect(formatKwh(null)).toBe("–");
  });

  it("shows cost only with a currency", () => {
    expect(formatCost(1.5, "EUR")).toMatch(/1[.,]50/);
    expect(formatCost(1.5, null)).toBe("–");
    expect(formatCost(null, "EUR")).toBe("–");
  });
});
