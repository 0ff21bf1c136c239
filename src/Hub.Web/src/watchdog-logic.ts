import type { MaintenanceChange, MaintenanceWindowView, Probe, ProbeKind, ProbeStatus, WatchdogAction, WatchedDevice } from "./types";

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

/** Where a probe looks and what it may do: a plug is restarted, a device behind it is power-cycled. */
export type ProbeTargetChoice = { plugId: number; deviceId: null } | { plugId: null; deviceId: number };

/** "plug" or "device:<id>", the value of the form's target choice. */
export function parseTarget(value: string, plugId: number): ProbeTargetChoice {
  const device = /^device:(\d+)$/.exec(value);
  return device ? { plugId: null, deviceId: Number(device[1]) } : { plugId, deviceId: null };
}

export function actionsFor(target: ProbeTargetChoice): WatchdogAction[] {
  return target.deviceId === null ? ["AlertOnly", "RestartPlug"] : ["AlertOnly", "PowerCycle"];
}

/** MQTT liveness is the plug's own last message; a device is pinged, connected to or asked over HTTP. */
export function kindsFor(target: ProbeTargetChoice): ProbeKind[] {
  return target.deviceId === null ? ["Ping", "Tcp", "Http", "Mqtt"] : ["Ping", "Tcp", "Http"];
}

/** Which of the address fields a kind uses; the others are not sent. */
export function fieldsOf(kind: ProbeKind) {
  return { port: kind === "Tcp" || kind === "Http", http: kind === "Http", silence: kind === "Mqtt" };
}

/**
 * The body of POST/PUT /api/watchdog/probes from the form's fields. Numbers are sent as typed, even out of range: the
 * API is the one judge of a probe and its refusal names the field. An empty optional number keeps the API's default.
 */
export function probeRequestOf(text: (name: string) => string, plugId: number, enabled: boolean) {
  const target = parseTarget(text("target"), plugId);
  const kind = text("kind") as ProbeKind;
  const fields = fieldsOf(kind);
  const number = (name: string) => (text(name) === "" ? undefined : Number(text(name)));
  return {
    ...target,
    kind,
    port: fields.port ? number("port") ?? null : null,
    path: fields.http ? text("path") || null : null,
    expectedStatus: fields.http ? number("expectedStatus") : undefined,
    maxSilenceSeconds: fields.silence ? number("maxSilenceSeconds") : undefined,
    intervalSeconds: number("intervalSeconds"),
    downIntervalSeconds: number("downIntervalSeconds"),
    timeoutSeconds: number("timeoutSeconds"),
    failuresToTrip: number("failuresToTrip"),
    window: number("window"),
    onDown: text("onDown") as WatchdogAction,
    enabled,
  };
}

/** The maintenance windows that concern one plug: its own and those of the devices behind it. */
export function maintenanceOfPlug(plugId: number, windows: readonly MaintenanceWindowView[], devices: readonly WatchedDevice[]) {
  const ids = new Set(devices.filter((d) => d.plugId === plugId).map((d) => d.id));
  return windows.filter((w) => w.plugId === plugId || (w.deviceId !== null && ids.has(w.deviceId)));
}

/**
 * A plug page's windows after a pushed change: a start adds it (once, in the order the API lists them), an end or an
 * expiry removes it. Changes of other plugs leave the list as it is. Applying one twice (the page's own action also
 * reloads) changes nothing.
 */
export function applyMaintenanceChange(plugId: number, windows: readonly MaintenanceWindowView[], change: MaintenanceChange) {
  if (change.plugId !== plugId) return windows;
  const others = windows.filter((w) => w.id !== change.window.id);
  if (change.change !== "Started") return others.length === windows.length ? windows : others;
  return [...others, change.window].sort((a, b) => Date.parse(a.until) - Date.parse(b.until));
}
