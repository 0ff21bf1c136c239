import { describe, expect, it } from "vitest";
import { availableCommands, parseWaves, rolloutProgress } from "./rollout-logic";
import type { RolloutPlug, RolloutPlugState } from "./types";

function plugs(...states: RolloutPlugState[]): RolloutPlug[] {
  return states.map((state, i) => ({
    id: i, plugId: i, topic: `p${i}`, wave: 0, state, attempts: 1, reason: null, previousBuild: null,
    reportedBuild: null, startedAt: null, finishedAt: null,
  }));
}

describe("rollout waves", () => {
  it("reads counts, percentages and a last rest, separated by commas or spaces", () => {
    expect(parseWaves("1, 10%  50% rest")).toEqual({ waves: ["1", "10%", "50%", "rest"] });
    expect(parseWaves(" ")).toEqual({ waves: [] });
  });

  it("refuses what the API would refuse, naming the wave", () => {
    expect(parseWaves("rest, 1")).toEqual({ error: "\"rest\" can only be the last wave." });
    expect(parseWaves("1, 0%")).toEqual({ error: "0%: a percentage is 1% to 100%." });
    expect(parseWaves("1, half")).toHaveProperty("error");
    expect(parseWaves("0")).toHaveProperty("error");
  });
});

describe("rollout progress and commands", () => {
  it("counts succeeded, failed and cancelled plugs as done", () => {
    expect(rolloutProgress({ plugs: plugs("Succeeded", "Failed", "Flashing", "Queued") })).toEqual({ done: 2, total: 4, percent: 50 });
    expect(rolloutProgress({ plugs: [] }).percent).toBe(100);
  });

  it("offers pause or resume, abort, and retry only when a plug failed; nothing once finished", () => {
    expect(availableCommands({ status: "Running", plugs: plugs("Queued") })).toEqual(["pause", "abort"]);
    expect(availableCommands({ status: "Paused", plugs: plugs("Failed") })).toEqual(["resume", "abort", "retry-failed"]);
    expect(availableCommands({ status: "Completed", plugs: plugs("Failed") })).toEqual([]);
    expect(availableCommands({ status: "Aborted", plugs: plugs("Queued") })).toEqual([]);
  });
});
