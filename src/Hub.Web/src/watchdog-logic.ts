import type { Probe, ProbeStatus, WatchedDevice } from "./types";

export type ProbeState = "up" | "down" | "waiting" | "disabled";

/** A probe with no run yet is "waiting", not "up": the page must not claim a device is fine before it was checked. */
export function probeState(probe: Probe, status: ProbeStatus | undefined): ProbeState {
  if (!probe.enabled) return "disabled";
  if (!status || status.lastRunAt === null) return "waiting";
  return status.down ? "down" : "up";
}

/** A target (the plug or one device) is down when any of its probes is, and needs attention when any says so. */
export function targetState(states: readonly ProbeState[]): ProbeState {
  for (const s of ["down", "waiting", "up"] as const) if (states.includes(s)) return s;
  return states.length === 0 ? "waiting" : "disabled";
}

/** What the watchdog watches for one plug: its own probes, the devices behind it, and theirs. */
export function watchdogOfPlug(plugId: number, probes: readonly Probe[], devices: readonly WatchedDevice[]) {
  const own = devices.filter((d) => d.plugId === plugId);
  const ids = new Set(own.map((d) => d.id));
  return {
    devices: own,
    probes: probes.filter((p) => p.plugId === plugId || (p.deviceId !== null && ids.has(p.deviceId))),
  };
}
