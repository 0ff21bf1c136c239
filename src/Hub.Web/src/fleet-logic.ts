import type { PlugLiveUpdate, PlugSummary } from "./types";

// Filtering and sorting the fleet in the browser: the whole fleet (1,000 plugs is about 300 KB of JSON) is loaded
// once and kept current by live updates, so every keystroke filters in memory instead of asking the hub.

export type StatusFilter = "Adopted" | "Pending" | "All";
export type OnlineFilter = "any" | "online" | "offline";
export type SortKey = "name" | "online" | "relay" | "power" | "build" | "reboot" | "uptime" | "rssi";

export interface FleetFilter {
  search: string;
  status: StatusFilter;
  online: OnlineFilter;
  tag: string;
  group: string;
}

export interface FleetSort {
  key: SortKey;
  descending: boolean;
}

export const emptyFilter: FleetFilter = { search: "", status: "Adopted", online: "any", tag: "", group: "" };

/** Filters live in the address (?status=All&tag=kitchen), so a filtered view can be bookmarked and shared. */
export function filterFromQuery(search: string): FleetFilter {
  const q = new URLSearchParams(search);
  const status = q.get("status");
  const online = q.get("online");
  return {
    search: q.get("search") ?? "",
    status: status === "Pending" || status === "All" ? status : "Adopted",
    online: online === "online" || online === "offline" ? online : "any",
    tag: q.get("tag") ?? "",
    group: q.get("group") ?? "",
  };
}

export function filterToQuery(f: FleetFilter): string {
  const q = new URLSearchParams();
  if (f.search) q.set("search", f.search);
  if (f.status !== emptyFilter.status) q.set("status", f.status);
  if (f.online !== "any") q.set("online", f.online);
  if (f.tag) q.set("tag", f.tag);
  if (f.group) q.set("group", f.group);
  const text = q.toString();
  return text ? "?" + text : "";
}

export function displayName(p: PlugSummary): string {
  return p.name || p.topic;
}

export function relayOn(p: { relays: Record<string, boolean> }, channel = 1): boolean {
  return p.relays[String(channel)] === true;
}

export function matches(p: PlugSummary, f: FleetFilter): boolean {
  if (f.status !== "All" && p.status !== f.status) return false;
  if (f.online === "online" && !p.online) return false;
  if (f.online === "offline" && p.online) return false;
  if (f.group && p.group !== f.group) return false;
  if (f.tag && !p.tags.some((t) => t.toLowerCase() === f.tag.toLowerCase())) return false;
  if (f.search) {
    const needle = f.search.toLowerCase();
    const hay = [p.name ?? "", p.topic, p.group ?? "", p.firmwareBuild ?? "", ...p.tags].join(" ").toLowerCase();
    if (!hay.includes(needle)) return false;
  }
  return true;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

function key(p: PlugSummary, k: SortKey): string | number | null {
  switch (k) {
    case "name": return displayName(p);
    case "online": return p.online ? 1 : 0;
    case "relay": return relayOn(p) ? 1 : 0;
    case "power": return p.powerW;
    case "build": return p.firmwareBuild;
    case "reboot": return p.lastRebootReason;
    case "uptime": return p.uptimeSeconds;
    case "rssi": return p.rssiDbm;
  }
}

/** Missing values sort last in either direction; ties fall back to the name so rows do not jump. */
export function compare(a: PlugSummary, b: PlugSummary, sort: FleetSort): number {
  const ka = key(a, sort.key);
  const kb = key(b, sort.key);
  if (ka == null || kb == null) {
    if (ka == null && kb != null) return 1;
    if (kb == null && ka != null) return -1;
  } else {
    const c = typeof ka === "number" && typeof kb === "number" ? ka - kb : collator.compare(String(ka), String(kb));
    if (c !== 0) return sort.descending ? -c : c;
  }
  return collator.compare(displayName(a), displayName(b)) || a.id - b.id;
}

export function view(plugs: Iterable<PlugSummary>, filter: FleetFilter, sort: FleetSort): PlugSummary[] {
  const rows: PlugSummary[] = [];
  for (const p of plugs) if (matches(p, filter)) rows.push(p);
  return rows.sort((a, b) => compare(a, b, sort));
}

export function distinctTags(plugs: Iterable<PlugSummary>): string[] {
  const tags = new Map<string, string>();
  for (const p of plugs) for (const t of p.tags) if (!tags.has(t.toLowerCase())) tags.set(t.toLowerCase(), t);
  return [...tags.values()].sort(collator.compare);
}

export function distinctGroups(plugs: Iterable<PlugSummary>): string[] {
  const groups = new Set<string>();
  for (const p of plugs) if (p.group) groups.add(p.group);
  return [...groups].sort(collator.compare);
}

/** A live update folded into the plug's summary; a new object so views can tell what changed. */
export function applyLive(p: PlugSummary, u: PlugLiveUpdate): PlugSummary {
  return {
    ...p,
    online: u.online,
    relays: u.relays,
    powerW: u.powerW,
    uptimeSeconds: u.uptimeSeconds,
    rssiDbm: u.rssiDbm,
    lastRebootReason: u.lastRebootReason ?? p.lastRebootReason,
    lastSeenAt: u.lastSeenAt,
  };
}

/** Visible window of a fixed-row-height list, with a few rows of overscan on each side. */
export function visibleRange(scrollTop: number, viewportHeight: number, rowHeight: number, count: number, overscan = 8) {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + viewportHeight) / rowHeight) + overscan);
  return { first, last };
}
