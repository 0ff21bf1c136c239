import { describe, expect, it } from "vitest";
import { applyLive, compare, filterFromQuery, filterToQuery, matches, view, visibleRange, emptyFilter } from "./fleet-logic";
import type { PlugSummary } from "./types";

function plug(id: number, change: Partial<PlugSummary> = {}): PlugSummary {
  return {
    id, topic: `obk_${String(id).padStart(6, "0")}`, protocol: "OpenBeken", status: "Adopted", name: null, group: null,
    tags: [], online: true, relays: { "1": false }, powerW: null, firmwareBuild: null, lastRebootReason: null,
    uptimeSeconds: null, rssiDbm: null, lastSeenAt: null, ...change,
  };
}

describe("fleet filter", () => {
  it("shows adopted plugs by default and pending ones only when asked", () => {
    const pending = plug(1, { status: "Pending" });
    expect(matches(pending, emptyFilter)).toBe(false);
    expect(matches(pending, { ...emptyFilter, status: "Pending" })).toBe(true);
    expect(matches(pending, { ...emptyFilter, status: "All" })).toBe(true);
  });

  it("searches name, topic, tags and build without regard to case", () => {
    const p = plug(7, { name: "Desk lamp", tags: ["Office"], firmwareBuild: "OpenBL602 1.18" });
    for (const needle of ["desk", "000007", "office", "bl602"]) expect(matches(p, { ...emptyFilter, search: needle })).toBe(true);
    expect(matches(p, { ...emptyFilter, search: "kitchen" })).toBe(false);
  });

  it("filters by tag, group and online state", () => {
    const p = plug(2, { tags: ["kitchen"], group: "ground", online: false });
    expect(matches(p, { ...emptyFilter, tag: "KITCHEN", group: "ground", online: "offline" })).toBe(true);
    expect(matches(p, { ...emptyFilter, online: "online" })).toBe(false);
    expect(matches(p, { ...emptyFilter, group: "attic" })).toBe(false);
  });

  it("round-trips through the address and ignores values it does not know", () => {
    const f = { ...emptyFilter, status: "All" as const, tag: "kitchen", search: "lamp" };
    expect(filterFromQuery(filterToQuery(f))).toEqual(f);
    expect(filterFromQuery("?status=Bogus&online=maybe")).toEqual(emptyFilter);
    expect(filterToQuery(emptyFilter)).toBe("");
  });
});

describe("fleet sort", () => {
  it("sorts names naturally and puts plugs without a value last in both directions", () => {
    const a = plug(1, { name: "plug 10", powerW: 5 });
    const b = plug(2, { name: "plug 9", powerW: null });
    const c = plug(3, { name: "plug 2", powerW: 40 });
    expect(view([a, b, c], emptyFilter, { key: "name", descending: false }).map((p) => p.id)).toEqual([3, 2, 1]);
    expect(view([a, b, c], emptyFilter, { key: "power", descending: false }).map((p) => p.id)).toEqual([1, 3, 2]);
    expect(view([a, b, c], emptyFilter, { key: "power", descending: true }).map((p) => p.id)).toEqual([3, 1, 2]);
  });

  it("breaks ties by name so rows keep their place between updates", () => {
    const a = plug(1, { name: "b", rssiDbm: -50 });
    const b = plug(2, { name: "a", rssiDbm: -50 });
    expect(compare(a, b, { key: "rssi", descending: true })).toBeGreaterThan(0);
  });
});

describe("live updates and the visible window", () => {
  it("folds an update into the plug and keeps the last reboot reason when the update has none", () => {
    const p = plug(1, { lastRebootReason: "BL_RST_POWER_OFF" });
    const next = applyLive(p, {
      plugId: 1, online: true, relays: { "1": true }, powerW: 60, voltageV: 230, currentA: 0.26, energyCounterWh: 5,
      uptimeSeconds: 12, rssiDbm: -40, lastRebootReason: null, lastSeenAt: "2026-11-25T09:00:00Z",
    });
    expect(next).not.toBe(p);
    expect(next.relays["1"]).toBe(true);
    expect(next.powerW).toBe(60);
    expect(next.lastRebootReason).toBe("BL_RST_POWER_OFF");
  });

  it("renders only the rows in view plus overscan, clamped to the list", () => {
    expect(visibleRange(0, 440, 44, 1000)).toEqual({ first: 0, last: 18 });
    expect(visibleRange(44 * 500, 440, 44, 1000)).toEqual({ first: 492, last: 518 });
    expect(visibleRange(44 * 995, 440, 44, 1000)).toEqual({ first: 987, last: 1000 });
  });
});
