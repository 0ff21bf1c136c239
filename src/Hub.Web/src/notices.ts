// Short messages at the bottom of the screen: errors from the API (their ProblemDetails text) and confirmations.

export interface Notice {
  id: number;
  text: string;
  kind: "error" | "info";
}

let next = 1;
const notices: Notice[] = [];
const listeners = new Set<() => void>();

export function currentNotices(): readonly Notice[] {
  return notices;
}

export function onNotices(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function changed(): void {
  for (const listener of listeners) listener();
}

export function dismiss(id: number): void {
  const index = notices.findIndex((n) => n.id === id);
  if (index >= 0) {
    notices.splice(index, 1);
    changed();
  }
}

export function notify(text: string, kind: Notice["kind"] = "info"): void {
  const notice = { id: next++, text, kind };
  notices.push(notice);
  if (notices.length > 4) notices.shift();
  changed();
  // Errors stay until dismissed or pushed out; confirmations go by themselves.
  if (kind === "info") setTimeout(() => dismiss(notice.id), 5000);
}

export function notifyError(error: unknown): void {
  notify(error instanceof Error ? error.message : String(error), "error");
}
