// Numbers and times as the pages show them. Plain functions so the unit tests can pin them down.

export function formatWatts(w: number | null | undefined): string {
  if (w == null) return "–";
  return w >= 1000 ? `${(w / 1000).toFixed(2)} kW` : `${w.toFixed(w < 10 ? 1 : 0)} W`;
}

export function formatNumber(v: number | null | undefined, unit: string, digits = 1): string {
  return v == null ? "–" : `${v.toFixed(digits)} ${unit}`;
}

export function formatUptime(seconds: number | null | undefined): string {
  if (seconds == null) return "–";
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  return m > 0 ? `${m}m` : `${Math.floor(seconds)}s`;
}

export function formatRssi(dbm: number | null | undefined): string {
  return dbm == null ? "–" : `${dbm} dBm`;
}

export function formatTime(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString() : "–";
}

export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const raw of text.split(",")) {
    const tag = raw.trim();
    if (tag && !seen.has(tag.toLowerCase())) {
      seen.add(tag.toLowerCase());
      tags.push(tag);
    }
  }
  return tags;
}

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes == null) return "–";
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(2)} MiB`;
}

/** The first 12 hex digits: enough to tell images apart on screen; the full hash is in the title. */
export function shortHash(sha256: string): string {
  return sha256.slice(0, 12);
}
