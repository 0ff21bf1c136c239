import { api } from "./api";
import { fleet } from "./fleet-store";
import { forEachLimited } from "./pool";
import type { BulkRelayItem, PlugSummary, RelayResult } from "./types";

// What the pages command. Each call answers once the plug confirmed, so the store is updated from the answer.

export async function switchRelay(id: number, channel: number, on: boolean): Promise<boolean> {
  const result = await api<RelayResult>("POST", `/api/plugs/${id}/relays/${channel}`, { action: on ? "On" : "Off" });
  fleet.setRelay(id, result.channel, result.on);
  return result.on;
}

export async function bulkRelay(plugIds: number[], on: boolean, channel = 1): Promise<BulkRelayItem[]> {
  const items = await api<BulkRelayItem[]>("POST", "/api/plugs/relays", { action: on ? "On" : "Off", channel, plugIds });
  for (const item of items) if (item.on != null) fleet.setRelay(item.plugId, channel, item.on);
  return items;
}

export async function updatePlug(id: number, change: { name?: string; group?: string; tags?: string[] }) {
  const plug = await api<PlugSummary>("PATCH", `/api/plugs/${id}`, change);
  fleet.put(plug);
  return plug;
}

/** Adds or removes one tag on many plugs; the API has no bulk tag call, so it is one PATCH per plug, a few at a time. */
export async function bulkTag(plugs: PlugSummary[], tag: string, add: boolean) {
  const lower = tag.toLowerCase();
  const results = await forEachLimited(plugs, 6, (p) => {
    const tags = add
      ? p.tags.some((t) => t.toLowerCase() === lower) ? p.tags : [...p.tags, tag]
      : p.tags.filter((t) => t.toLowerCase() !== lower);
    return updatePlug(p.id, { tags });
  });
  const failed = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
  return { done: results.length - failed.length, failed };
}

export async function adopt(id: number): Promise<void> {
  await api("POST", `/api/plugs/${id}/adopt`);
}
