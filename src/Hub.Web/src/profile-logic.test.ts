import { describe, expect, it } from "vitest";
import {
  countByStatus, describeCommand, parseExtraCommands, pickablePlugs, profileRequest, profilesToRefresh, summarize, type AssignmentView,
} from "./profile-logic";
import { parseRoute } from "./router";
import type { PlugSummary } from "./types";

const plug = (id: number, name: string | null, tags: string[] = [], status: PlugSummary["status"] = "Adopted"): PlugSummary => ({
  id, topic: `obk_${id}`, protocol: "OpenBeken", status, name, group: null, tags, online: true, relays: {}, powerW: null,
  firmwareBuild: null, lastRebootReason: null, uptimeSeconds: null, rssiDbm: null, lastSeenAt: null,
});

const assignment = (plugId: number, status: AssignmentView["status"]): AssignmentView =>
  ({ plugId, status, attempts: 1, lastError: null, updatedAt: "2026-11-25T00:00:00Z" });

describe("profile commands", () => {
  it("reads typed settings back from their console commands and shows others raw", () => {
    expect(describeCommand({ name: "VoltageSet", arguments: "230.5" })).toBe("Voltage calibration (V): 230.5");
    expect(describeCommand({ name: "SetStartValue", arguments: "1 -1" })).toBe("Relay at start: As before the restart");
    expect(describeCommand({ name: "SetStartValue", arguments: "2 1" })).toBe("SetStartValue 2 1");
    expect(describeCommand({ name: "MqttHost", arguments: "10.0.0.2" })).toBe("Broker host: 10.0.0.2");
    expect(describeCommand({ name: "PowerSave", arguments: "" })).toBe("PowerSave");
  });

  it("splits extra commands into a name and its arguments, one a line", () => {
    expect(parseExtraCommands("PowerSave 1\n\n  led_enableAll   0 \r\nReboot")).toEqual([
      { name: "PowerSave", arguments: "1" },
      { name: "led_enableAll", arguments: "0" },
      { name: "Reboot", arguments: "" },
    ]);
  });
});

describe("the create request", () => {
  it("sends only what was typed, numbers as numbers", () => {
    expect(profileRequest({ name: " Kitchen ", voltageCalibration: "230", timeZoneOffsetHours: "", relayStartState: "-1",
      brokerHost: "", extraCommands: "PowerSave 1" })).toEqual({
      name: "Kitchen", voltageCalibration: 230, relayStartState: -1, extraCommands: [{ name: "PowerSave", arguments: "1" }],
    });
    expect(profileRequest({ name: "Empty" })).toEqual({ name: "Empty" });
  });

  it("leaves range checks to the API", () => {
    expect(profileRequest({ name: "Odd", voltageCalibration: "9000" })).toEqual({ name: "Odd", voltageCalibration: 9000 });
  });
});

describe("picking plugs", () => {
  it("offers adopted plugs matching the search and the tag, by name", () => {
    const plugs = [plug(1, "Kitchen kettle", ["kitchen"]), plug(2, "Hall", ["Hall"]), plug(3, "Kitchen 10", ["kitchen"]),
      plug(4, "Kitchen 2", ["kitchen"]), plug(5, "Kitchen new", ["kitchen"], "Pending")];
    expect(pickablePlugs(plugs, "kitchen", "").map((p) => p.id)).toEqual([4, 3, 1]);
    expect(pickablePlugs(plugs, "", "hall").map((p) => p.id)).toEqual([2]);
    expect(pickablePlugs(plugs, "obk_3", "KITCHEN").map((p) => p.id)).toEqual([3]);
  });
});

describe("assignments", () => {
  it("counts and summarizes the states and polls only profiles with pending plugs", () => {
    const list = [assignment(1, "Applied"), assignment(2, "Pending"), assignment(3, "Failed"), assignment(4, "Applied")];
    expect(countByStatus(list)).toEqual({ Pending: 1, Applied: 2, Failed: 1 });
    expect(summarize(list)).toBe("2 applied, 1 pending, 1 failed");
    expect(summarize([])).toBe("Not applied to any plug");
    expect(profilesToRefresh(new Map([[7, list], [8, [assignment(1, "Applied")]], [9, []]]))).toEqual([7]);
  });
});

describe("the profiles route", () => {
  it("is its own page", () => {
    expect(parseRoute("/profiles")).toEqual({ page: "profiles" });
    expect(parseRoute("/profiles/")).toEqual({ page: "profiles" });
  });
});
