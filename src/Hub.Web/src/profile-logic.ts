// Settings profiles as the page shows and edits them: the API's records, the typed settings back from their console
// commands, the create request from what was typed, picking plugs to apply to, and what the assignments add up to.

import { displayName } from "./fleet-logic";
import type { PlugSummary } from "./types";

export interface ProfileCommand {
  name: string;
  arguments: string;
}

export interface ProfileView {
  id: number;
  name: string;
  commands: ProfileCommand[];
}

export type AssignmentStatus = "Pending" | "Applied" | "Failed";

export interface AssignmentView {
  plugId: number;
  status: AssignmentStatus;
  attempts: number;
  lastError: string | null;
  updatedAt: string;
}

/** The typed settings of the create form: the API's field, its label, and the console command it becomes. */
export const profileFields = [
  { key: "voltageCalibration", label: "Voltage calibration (V)", command: "VoltageSet", min: 50, max: 400, step: "any" },
  { key: "currentCalibration", label: "Current calibration (A)", command: "CurrentSet", min: 0.001, max: 20, step: "any" },
  { key: "powerCalibration", label: "Power calibration (W)", command: "PowerSet", min: 1, max: 5000, step: "any" },
  { key: "telemetryIntervalSeconds", label: "Telemetry interval (s)", command: "mqtt_broadcastInterval", min: 5, max: 86400, step: "1" },
  { key: "timeZoneOffsetHours", label: "Time zone offset (h)", command: "ntp_timeZoneOfs", min: -12, max: 14, step: "any" },
] as const;

export const relayStartStates = [
  { value: "", label: "Unchanged" },
  { value: "0", label: "Off" },
  { value: "1", label: "On" },
  { value: "-1", label: "As before the restart" },
] as const;

/** One command as a person reads it: the typed setting it came from, or the raw console command. */
export function describeCommand(c: ProfileCommand): string {
  const field = profileFields.find((f) => f.command === c.name);
  if (field) return `${field.label}: ${c.arguments}`;
  if (c.name === "MqttHost") return `Broker host: ${c.arguments}`;
  const start = /^1 (-?\d+)$/.exec(c.arguments);
  if (c.name === "SetStartValue" && start) {
    const state = relayStartStates.find((s) => s.value === start[1]);
    return `Relay at start: ${state?.label ?? start[1]}`;
  }
  return c.arguments ? `${c.name} ${c.arguments}` : c.name;
}

/** Extra commands, one a line: the command name, then its arguments. Blank lines are skipped. */
export function parseExtraCommands(text: string): ProfileCommand[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "").map((line) => {
    const space = line.search(/\s/);
    return space < 0 ? { name: line, arguments: "" } : { name: line.slice(0, space), arguments: line.slice(space + 1).trim() };
  });
}

/**
 * The create request from the form's text: blank fields are left out (the API treats them as "not set"), numbers go as
 * typed so the API's range checks, not the page, decide what is refused.
 */
export function profileRequest(form: Record<string, string>): Record<string, unknown> {
  const body: Record<string, unknown> = { name: (form.name ?? "").trim() };
  for (const f of profileFields) {
    const v = (form[f.key] ?? "").trim();
    if (v !== "") body[f.key] = Number(v);
  }
  const start = (form.relayStartState ?? "").trim();
  if (start !== "") body.relayStartState = Number(start);
  const host = (form.brokerHost ?? "").trim();
  if (host !== "") body.brokerHost = host;
  const extra = parseExtraCommands(form.extraCommands ?? "");
  if (extra.length > 0) body.extraCommands = extra;
  return body;
}

/** Adopted plugs that match the search (name, topic, group, tags) and the tag, sorted by name. */
export function pickablePlugs(plugs: Iterable<PlugSummary>, search: string, tag: string): PlugSummary[] {
  const needle = search.trim().toLowerCase();
  const wanted = tag.toLowerCase();
  return [...plugs]
    .filter((p) => p.status === "Adopted")
    .filter((p) => !wanted || p.tags.some((t) => t.toLowerCase() === wanted))
    .filter((p) => !needle || [p.name ?? "", p.topic, p.group ?? "", ...p.tags].join(" ").toLowerCase().includes(needle))
    .sort((a, b) => displayName(a).localeCompare(displayName(b), undefined, { numeric: true }) || a.id - b.id);
}

export function countByStatus(assignments: readonly AssignmentView[]): Record<AssignmentStatus, number> {
  const counts: Record<AssignmentStatus, number> = { Pending: 0, Applied: 0, Failed: 0 };
  for (const a of assignments) counts[a.status]++;
  return counts;
}

export function summarize(assignments: readonly AssignmentView[]): string {
  if (assignments.length === 0) return "Not applied to any plug";
  const c = countByStatus(assignments);
  return [`${c.Applied} applied`, c.Pending ? `${c.Pending} pending` : "", c.Failed ? `${c.Failed} failed` : ""]
    .filter((s) => s !== "").join(", ");
}

/** Profiles whose assignments can still change on their own: the only ones the page asks about on its short poll. */
export function profilesToRefresh(assignments: ReadonlyMap<number, readonly AssignmentView[]>): number[] {
  return [...assignments].filter(([, list]) => list.some((a) => a.status === "Pending")).map(([id]) => id);
}
