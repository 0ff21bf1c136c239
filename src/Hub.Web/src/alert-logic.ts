import type { AlertState, AlertView } from "./types";

/**
 * The list a tab shows after one pushed change: the alert replaces its old row, joins the list if it now belongs to
 * the tab's state, or leaves it (acknowledged out of "active", resolved out of "acknowledged"). Newest first, as the
 * API sorts them.
 */
export function applyAlertChange(list: readonly AlertView[], tabState: AlertState, alert: AlertView): AlertView[] {
  const rest = list.filter((a) => a.id !== alert.id);
  if (alert.state !== tabState) return rest;
  return [...rest, alert].sort((a, b) => b.id - a.id);
}

/** A limit field as typed: empty means "use the fleet default" (null); anything else must be a positive number. */
export function parseLimit(text: string): number | null | undefined {
  const t = text.trim().replace(",", ".");
  if (t === "") return null;
  const n = Number(t);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/** A plug's alert list after one pushed change: the alert replaces its old row or joins; newest first. */
export function upsertAlert(list: readonly AlertView[], alert: AlertView): AlertView[] {
  return [...list.filter((a) => a.id !== alert.id), alert].sort((a, b) => b.id - a.id);
}
