import { describe, expect, it } from "vitest";
import { upsertAlert } from "./alert-logic";
import type { AlertView, Probe, ProbeStatus, WatchedDevice } from "./types";
import { actionsFor, applyMaintenanceChange, kindsFor, maintenanceOfPlug, probeRequestOf, probeState, targetState, watchdogOfPlug } from "./watchdog-logic";

const probe = (id: number, over: Partial<Probe> = {}): Probe => ({
  id, plugId: 1, deviceId: null, kind: "Mqtt", port: null, path: null, expectedStatus: 200, intervalSeconds: 30, downIntervalSeconds: 10,
  timeoutSeconds: 5, failuresToTrip: 3, window: 5, maxSilenceSeconds: 180, onDown: "AlertOnly", enabled: true, ...over,
});
const status = (probeId: number, over: Partial<ProbeStatus> = {}): ProbeStatus => ({
  probeId, target: "t", down: false, recentFailures: 0, lastRunAt: "2026-01-01T00:00:00Z", lastDetail: null,
  nextRunAt: "2026-01-01T00:00:30Z", needsAttention: false, ...over,
});
const device = (id: number, plugId: number): WatchedDevice => ({ id, name: `d${id}`, plugId, host: "10.0.0.1", relayChannel: 1, offSeconds: 10 });

describe("watchdog of a plug", () => {
  it("says waiting until a probe ran, and disabled for a switched-off probe", () => {
    expect(probeState(probe(1), undefined)).toBe("waiting");
    expect(probeState(probe(1), status(1, { lastRunAt: null }))).toBe("waiting");
    expect(probeState(probe(1), status(1))).toBe("up");
    expect(probeState(probe(1), status(1, { down: true }))).toBe("down");
    expect(probeState(probe(1, { enabled: false }), status(1, { down: true }))).toBe("disabled");
  });

  it("calls a target down if any probe is, and up only when every enabled probe ran", () => {
    expect(targetState(["up", "down", "waiting"])).toBe("down");
    expect(targetState(["up", "waiting"])).toBe("waiting");
    expect(targetState(["up", "disabled"])).toBe("up");
    expect(targetState(["disabled"])).toBe("disabled");
    expect(targetState([])).toBe("waiting");
  });

  it("keeps the plug's own probes, its devices and their probes, and nothing of other plugs", () => {
    const got = watchdogOfPlug(1, [probe(1), probe(2, { plugId: 2 }), probe(3, { plugId: null, deviceId: 10 }),
      probe(4, { plugId: null, deviceId: 20 })], [device(10, 1), device(20, 2)]);
    expect(got.devices.map((d) => d.id)).toEqual([10]);
    expect(got.probes.map((p) => p.id)).toEqual([1, 3]);
  });
});

describe("a plug's alerts", () => {
  const alert = (id: number, state: AlertView["state"]) => ({ id, state } as AlertView);

  it("replaces a changed alert in place and keeps the newest first", () => {
    const list = [alert(5, "Active"), alert(3, "Resolved")];
    expect(upsertAlert(list, alert(4, "Active")).map((a) => a.id)).toEqual([5, 4, 3]);
    const acked = upsertAlert(list, alert(5, "Acknowledged"));
    expect(acked.map((a) => [a.id, a.state])).toEqual([[5, "Acknowledged"], [3, "Resolved"]]);
  });
});

describe("probe form", () => {
  const form = (fields: Record<string, string>) => (name: string) => fields[name] ?? "";

  it("sends a device's TCP probe with its port, and only the fields the kind uses", () => {
    const body = probeRequestOf(form({ target: "device:7", kind: "Tcp", port: "8080", path: "/ignored", intervalSeconds: "2", onDown: "PowerCycle" }), 3, true);
    expect(body).toMatchObject({ plugId: null, deviceId: 7, kind: "Tcp", port: 8080, path: null, intervalSeconds: 2, onDown: "PowerCycle", enabled: true });
    expect(body.expectedStatus).toBeUndefined();
    expect(body.timeoutSeconds).toBeUndefined();
  });

  it("sends an out-of-range port as typed, so the API names what is wrong", () => {
    expect(probeRequestOf(form({ target: "plug", kind: "Tcp", port: "70000" }), 3, true)).toMatchObject({ plugId: 3, deviceId: null, port: 70000 });
  });

  it("keeps HTTP's path and expected status and MQTT's silence", () => {
    expect(probeRequestOf(form({ target: "plug", kind: "Http", path: "/api/info", expectedStatus: "204" }), 3, false))
      .toMatchObject({ port: null, path: "/api/info", expectedStatus: 204, enabled: false });
    expect(probeRequestOf(form({ target: "plug", kind: "Mqtt", port: "1", maxSilenceSeconds: "60" }), 3, true))
      .toMatchObject({ port: null, maxSilenceSeconds: 60 });
  });

  it("offers a plug restart and MQTT liveness for the plug, a power-cycle for a device", () => {
    expect(actionsFor({ plugId: 1, deviceId: null })).toEqual(["AlertOnly", "RestartPlug"]);
    expect(actionsFor({ plugId: null, deviceId: 2 })).toEqual(["AlertOnly", "PowerCycle"]);
    expect(kindsFor({ plugId: 1, deviceId: null })).toContain("Mqtt");
    expect(kindsFor({ plugId: null, deviceId: 2 })).not.toContain("Mqtt");
  });

  it("finds the maintenance of the plug and of its devices only", () => {
    const w = (id: number, plugId: number | null, deviceId: number | null) => ({ id, plugId, deviceId, until: "2030-01-01T00:00:00Z", note: null, createdBy: "a" });
    const windows = [w(1, 1, null), w(2, null, 10), w(3, 2, null), w(4, null, 20)];
    expect(maintenanceOfPlug(1, windows, [device(10, 1), device(20, 2)]).map((x) => x.id)).toEqual([1, 2]);
  });

  it("applies pushed maintenance changes of its own plug once, in time order", () => {
    const w = (id: number, until: string) => ({ id, plugId: 1, deviceId: null, until, note: null, createdBy: "a" });
    const soon = w(1, "2030-01-01T00:00:00Z");
    const later = w(2, "2031-01-01T00:00:00Z");
    const started = applyMaintenanceChange(1, [later], { plugId: 1, change: "Started", window: soon });
    expect(started.map((x) => x.id)).toEqual([1, 2]);
    expect(applyMaintenanceChange(1, started, { plugId: 1, change: "Started", window: soon }).map((x) => x.id)).toEqual([1, 2]);
    expect(applyMaintenanceChange(1, started, { plugId: 2, change: "Ended", window: soon })).toBe(started);
    expect(applyMaintenanceChange(1, started, { plugId: 1, change: "Expired", window: soon }).map((x) => x.id)).toEqual([2]);
    expect(applyMaintenanceChange(1, [later], { plugId: 1, change: "Ended", window: soon })).toEqual([later]);
  });
});
