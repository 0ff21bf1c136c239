// The rollout pages' pure parts: reading the waves a user typed, progress, and which commands make sense now.

import type { RolloutPlugState, RolloutStatus, RolloutView } from "./types";

/**
 * "1, 10%, 50%, rest" → ["1", "10%", "50%", "rest"], or an error sentence. The API resolves counts and percentages
 * against the compatible plugs; this only catches what it would refuse anyway, before the round trip.
 */
export function parseWaves(text: string): { waves: string[] } | { error: string } {
  const waves = text.split(/[,\s]+/).map((w) => w.trim().toLowerCase()).filter((w) => w.length > 0);
  if (waves.length === 0) return { waves: [] };
  if (waves.length > 100) return { error: "At most 100 waves." };
  for (const [i, w] of waves.entries()) {
    if (w === "rest") {
      if (i !== waves.length - 1) return { error: "\"rest\" can only be the last wave." };
      continue;
    }
    const percent = /^(\d{1,3})%$/.exec(w);
    if (percent) {
      const p = Number(percent[1]);
      if (p < 1 || p > 100) return { error: `${w}: a percentage is 1% to 100%.` };
      continue;
    }
    if (!/^\d{1,6}$/.test(w) || Number(w) < 1) return { error: `${w}: use a plug count (1), a percentage (10%) or "rest".` };
  }
  return { waves };
}

const finishedStates: readonly RolloutPlugState[] = ["Succeeded", "Failed", "Cancelled"];

export function isPlugFinished(state: RolloutPlugState): boolean {
  return finishedStates.includes(state);
}

/** Plugs that reached an end (succeeded, failed, cancelled) out of all, for the progress bar. */
export function rolloutProgress(view: Pick<RolloutView, "plugs">): { done: number; total: number; percent: number } {
  const total = view.plugs.length;
  const done = view.plugs.filter((p) => isPlugFinished(p.state)).length;
  return { done, total, percent: total === 0 ? 100 : Math.floor((done * 100) / total) };
}

export function isRolloutFinished(status: RolloutStatus): boolean {
  return status === "Completed" || status === "Aborted";
}

export type RolloutCommand = "pause" | "resume" | "abort" | "retry-failed";

/** The commands the API would accept now; the others are hidden rather than answered with 409. */
export function availableCommands(view: Pick<RolloutView, "status" | "plugs">): RolloutCommand[] {
  if (isRolloutFinished(view.status)) return [];
  const commands: RolloutCommand[] = [view.status === "Running" ? "pause" : "resume", "abort"];
  if (view.plugs.some((p) => p.state === "Failed")) commands.push("retry-failed");
  return commands;
}
