import { describe, expect, it } from "vitest";
import { upsertAlert } from "./alert-logic";
import type { AlertView, Probe, ProbeStatus, WatchedDevice } from "./types";
import { probeState, targetState, watchdogOfPlug } from "./watchdog-logic";

const probe = (id: number, over: Partial<Probe> = {}): Probe => ({
  id, plugId: 1, deviceId: null, kind: "Mqtt", port: null, path: null, intervalSeconds: 30, onDown: "AlertOnly", enabled: true, ...over,
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
