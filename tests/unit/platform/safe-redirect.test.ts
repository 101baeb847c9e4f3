import { describe, expect, it } from "vitest";
import { safeRedirect } from "../../../app/utils/safe-redirect";

describe("safeRedirect", () => {
  it.each([
    ["https://evil.example", "/"],
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
    ["javascript:alert(1)", "/"],
    ["/\t/evil.example", "/"],
    ["", "/"],
    [null, "/"],
  ])("sends %s back to the site", (input, expected) => {
    expect(safeRedirect(input as string | null)).toBe(expected);
  });

  it("keeps paths on the site, with their query", () => {
    expect(safeRedirect("/mijn?tab=dossiers#x")).toBe("/mijn?tab=dossiers#x");
    expect(safeRedirect("/werk", "/start")).toBe("/werk");
  });
});
