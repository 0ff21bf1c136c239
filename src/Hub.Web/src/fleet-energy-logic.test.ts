import { describe, expect, it } from "vitest";
import {
  consumers, currentRange, distinctNames, fleetTotalsUrl, formatMoney, formatShare, groupTotalsUrl, parseRangeQuery, parseWatts,
  periodColumns, periodLabel, rangeDays, rangeLabel, rangeQuery, rangeSpan, share, stepRange, sumTotals, tagTotalsUrl,
  topUrl,
} from "./fleet-energy-logic";

describe("fleet energy ranges", () => {
  it("starts on the month or year that holds today", () => {
    const today = new Date(2026, 10, 25, 23, 59);
    expect(currentRange("month", today)).toEqual({ kind: "month", year: 2026, month: 11 });
    expect(currentRange("year", today)).toEqual({ kind: "year", year: 2026, month: 1 });
  });

  it("steps months across year ends both ways, and years by one", () => {
    expect(stepRange({ kind: "month", year: 2026, month: 12 }, 1)).toEqual({ kind: "month", year: 2027, month: 1 });
    expect(stepRange({ kind: "month", year: 2026, month: 1 }, -1)).toEqual({ kind: "month", year: 2025, month: 12 });
    expect(stepRange({ kind: "month", year: 2026, month: 3 }, -15)).toEqual({ kind: "month", year: 2024, month: 12 });
    expect(stepRange({ kind: "year", year: 2026, month: 1 }, -2)).toEqual({ kind: "year", year: 2024, month: 1 });
  });

  it("names whole months by day and whole years by month, the end exclusive", () => {
    expect(rangeDays({ kind: "month", year: 2026, month: 12 })).toEqual({ from: "2026-12-01", to: "2027-01-01", period: "day" });
    expect(rangeDays({ kind: "month", year: 2024, month: 2 })).toEqual({ from: "2024-02-01", to: "2024-03-01", period: "day" });
    expect(rangeDays({ kind: "year", year: 2026, month: 1 })).toEqual({ from: "2026-01-01", to: "2027-01-01", period: "month" });
    expect(rangeLabel({ kind: "month", year: 2026, month: 2 })).toBe("February 2026");
    expect(rangeLabel({ kind: "year", year: 2026, month: 1 })).toBe("2026");
  });

  it("keeps the range in the address and ignores nonsense there", () => {
    for (const r of [{ kind: "month", year: 2026, month: 3 }, { kind: "year", year: 2025, month: 1 }] as const) {
      expect(parseRangeQuery(rangeQuery(r))).toEqual(r);
    }
    expect(rangeQuery({ kind: "month", year: 2026, month: 3 })).toBe("?month=2026-03");
    expect(parseRangeQuery("?month=2026-13")).toBeNull();
    expect(parseRangeQuery("?year=26")).toBeNull();
    expect(parseRangeQuery("")).toBeNull();
  });
});

describe("fleet energy addresses", () => {
  const days = rangeDays({ kind: "month", year: 2026, month: 11 });

  it("asks the fleet, top, tag and group endpoints for the same dates", () => {
    expect(fleetTotalsUrl(days)).toBe("/api/energy/fleet/totals?from=2026-11-01&to=2026-12-01&period=day");
    expect(topUrl(days, 10)).toBe("/api/energy/fleet/top?from=2026-11-01&to=2026-12-01&count=10");
    expect(tagTotalsUrl("living room/tv", days))
      .toBe("/api/energy/tags/living%20room%2Ftv/totals?from=2026-11-01&to=2026-12-01&period=day");
    expect(groupTotalsUrl("Küche", rangeDays({ kind: "year", year: 2026, month: 1 })))
      .toBe("/api/energy/groups/K%C3%BCche/totals?from=2026-01-01&to=2027-01-01&period=month");
  });
});

describe("fleet energy sums", () => {
  it("adds energy and cost, and has no cost without a tariff", () => {
    const priced = sumTotals([
      { period: "2026-11-01", energyKwh: 1.5, cost: 0.3, currency: "CHF" },
      { period: "2026-11-02", energyKwh: 0.25, cost: 0.05, currency: "CHF" },
    ]);
    expect(priced.energyKwh).toBeCloseTo(1.75, 10);
    expect(priced.cost).toBe(0.35);
    expect(priced.currency).toBe("CHF");
    expect(sumTotals([{ period: "2026-11-01", energyKwh: 2, cost: null, currency: null }]))
      .toEqual({ energyKwh: 2, cost: null, currency: null });
    expect(sumTotals([])).toEqual({ energyKwh: 0, cost: null, currency: null });
  });

  it("leaves plugs that used nothing out of the top consumers", () => {
    expect(consumers([{ plugId: 1, energyKwh: 2 }, { plugId: 2, energyKwh: 0 }])).toEqual([{ plugId: 1, energyKwh: 2 }]);
  });

  it("gives each plug's share of the fleet, none when the fleet used nothing", () => {
    expect(share(1, 4)).toBe(25);
    expect(share(5, 4)).toBe(100);
    expect(share(1, 0)).toBeNull();
    expect(formatShare(25)).toBe("25.0%");
    expect(formatShare(0.01)).toBe("<0.1%");
    expect(formatShare(null)).toBe("–");
  });

  it("shows amounts with the API's currency code, and a dash without one", () => {
    expect(formatMoney(12.5, "EUR")).toBe("12.50 EUR");
    expect(formatMoney(0.00075, "CHF")).toBe("0.0008 CHF");
    expect(formatMoney(null, "EUR")).toBe("–");
    expect(formatMoney(1, null)).toBe("–");
  });

  it("lists tags and groups once each, case-insensitively, sorted", () => {
    expect(distinctNames(["kitchen", "Kitchen", null, " ", "attic", "kitchen "])).toEqual(["attic", "kitchen"]);
  });
});

describe("fleet energy chart", () => {
  it("puts each bar in the middle of its period as the hub named it, whatever the browser's zone", () => {
    const [xs, kwh, cost] = periodColumns([
      { period: "2026-11-01", energyKwh: 1, cost: null, currency: null },
      { period: "2026-11-02", energyKwh: 2, cost: 0.5, currency: "EUR" },
    ], "day");
    expect(xs).toEqual([Date.UTC(2026, 10, 1, 12) / 1000, Date.UTC(2026, 10, 2, 12) / 1000]);
    expect(kwh).toEqual([1, 2]);
    expect(cost).toEqual([null, 0.5]);
    const [months] = periodColumns([{ period: "2026-02-01", energyKwh: 1, cost: null, currency: null }], "month");
    expect(months[0]).toBe((Date.UTC(2026, 1, 1) + Date.UTC(2026, 2, 1)) / 2000);
    expect(rangeSpan(rangeDays({ kind: "month", year: 2026, month: 11 })))
      .toEqual([Date.UTC(2026, 10, 1) / 1000, Date.UTC(2026, 11, 1) / 1000]);
  });

  it("labels days with their weekday and months with their name", () => {
    expect(periodLabel("2026-11-02", "day")).toBe("Mon 2 Nov");
    expect(periodLabel("2026-11-01", "month")).toBe("November 2026");
  });
});

describe("maximum power as typed", () => {
  it("takes numbers (a comma too) and refuses anything else, leaving ranges to the API", () => {
    expect(parseWatts(" 2500 ")).toBe(2500);
    expect(parseWatts("12,5")).toBe(12.5);
    expect(parseWatts("0")).toBe(0);
    expect(parseWatts("-3")).toBe(-3);
    expect(parseWatts("")).toBeUndefined();
    expect(parseWatts("2 kW")).toBeUndefined();
  });
});
