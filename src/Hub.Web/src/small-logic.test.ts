import { describe, expect, it } from "vitest";
import { formatBytes, formatUptime, formatWatts, parseTags, shortHash } from "./format";
import { describeProblem } from "./problem";
import { safeReturnUrl } from "./return-url";
import { parseRoute } from "./router";

describe("sign-in return address", () => {
  it("keeps local paths and refuses everything that could leave the hub", () => {
    expect(safeReturnUrl("?ReturnUrl=%2Fplugs%2F12")).toBe("/plugs/12");
    expect(safeReturnUrl("?ReturnUrl=%2Fsettings%3Ftab%3D1")).toBe("/settings?tab=1");
    for (const bad of ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)", "/login"]) {
      expect(safeReturnUrl("?ReturnUrl=" + encodeURIComponent(bad))).toBe("/");
    }
    expect(safeReturnUrl("")).toBe("/");
  });
});

describe("problem details", () => {
  it("prefers the detail, then the title, then validation messages, then the status", () => {
    expect(describeProblem(409, { title: "Plug offline", detail: "The plug is not connected to the broker." }))
      .toBe("The plug is not connected to the broker.");
    expect(describeProblem(404, { title: "Unknown plug" })).toBe("Unknown plug");
    expect(describeProblem(400, { title: "One or more validation errors occurred.", errors: { Name: ["Name is required."] } }))
      .toBe("One or more validation errors occurred. Name is required.");
    expect(describeProblem(502, {})).toBe("The hub answered 502.");
  });
});

describe("formatting", () => {
  it("shows watts, uptimes and tags the way the pages do", () => {
    expect(formatWatts(null)).toBe("–");
    expect(formatWatts(4.25)).toBe("4.3 W");
    expect(formatWatts(60)).toBe("60 W");
    expect(formatWatts(2300)).toBe("2.30 kW");
    expect(formatUptime(59)).toBe("59s");
    expect(formatUptime(3 * 3600 + 120)).toBe("3h 2m");
    expect(formatUptime(2 * 86400 + 3600)).toBe("2d 1h");
    expect(parseTags(" office, lamp,,Office ")).toEqual(["office", "lamp"]);
  });
});

describe("firmware and routes", () => {
  it("shows sizes in binary units and hashes by their first 12 digits", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(8192)).toBe("8.0 KiB");
    expect(formatBytes(3 * 1024 * 1024)).toBe("3.00 MiB");
    expect(shortHash("0123456789abcdef0123")).toBe("0123456789ab");
  });

  it("routes the firmware, rollout and alert pages", () => {
    expect(parseRoute("/firmware")).toEqual({ page: "firmware" });
    expect(parseRoute("/rollouts/")).toEqual({ page: "rollouts" });
    expect(parseRoute("/rollouts/new")).toEqual({ page: "rollout-new" });
    expect(parseRoute("/rollouts/42")).toEqual({ page: "rollout", id: 42 });
    expect(parseRoute("/alerts")).toEqual({ page: "alerts" });
    expect(parseRoute("/energy")).toEqual({ page: "energy" });
    expect(parseRoute("/rollouts/x")).toEqual({ page: "missing" });
  });
});
