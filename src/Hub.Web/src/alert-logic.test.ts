import { describe, expect, it } from "vitest";
import { applyAlertChange, parseLimit } from "./alert-logic";
import type { AlertState, AlertView } from "./types";

const alert = (id: number, state: AlertState, occurrences = 1): AlertView => ({
  id, key: `k${id}`, rule: "Offline", severity: "Warning", state, plugId: id, deviceId: null, title: `t${id}`,
  cause: "c", occurrences, raisedAt: "2026-01-01T00:00:00Z", lastRaisedAt: "2026-01-01T00:00:00Z",
  acknowledgedAt: null, acknowledgedBy: null, resolvedAt: null,
});

describe("pushed alert changes", () => {
  it("adds a new alert to its tab, newest first, and leaves other tabs alone", () => {
    const list = [alert(3, "Active"), alert(1, "Active")];
    expect(applyAlertChange(list, "Active", alert(2, "Active")).map((a) => a.id)).toEqual([3, 2, 1]);
    expect(applyAlertChange([alert(1, "Resolved")], "Resolved", alert(2, "Active")).map((a) => a.id)).toEqual([1]);
  });

  it("replaces a repeated alert and moves an acknowledged one out of the active tab", () => {
    const list = [alert(2, "Active"), alert(1, "Active")];
    expect(applyAlertChange(list, "Active", alert(2, "Active", 5))[0]!.occurrences).toBe(5);
    expect(applyAlertChange(list, "Active", alert(2, "Acknowledged")).map((a) => a.id)).toEqual([1]);
    expect(applyAlertChange([], "Acknowledged", alert(2, "Acknowledged")).map((a) => a.id)).toEqual([2]);
  });
});

describe("plug limit fields", () => {
  it("reads empty as the fleet default and refuses what is not a positive number", () => {
    expect(parseLimit("")).toBeNull();
    expect(parseLimit(" 150 ")).toBe(150);
    expect(parseLimit("2,5")).toBe(2.5);
    expect(parseLimit("0")).toBeUndefined();
    expect(parseLimit("lots")).toBeUndefined();
  });
});
