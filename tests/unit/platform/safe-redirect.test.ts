import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeRedirect } from "../../../app/utils/safe-redirect";

const ORIGIN = "https://www.mechelen.example";

describe("safeRedirect", () => {
  it.each([
    ["https://evil.example", "/"],
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
    ["javascript:alert(1)", "/"],
    ["/\t/evil.example", "/"],
    ["", "/"],
    [null, "/"],
    // issue 12 item 4: dot segments that collapse to "//host"
    ["/.//evil.example", "/"],
    ["/%2e//evil.example", "/"],
    ["/%2E//evil.example", "/"],
    ["/a/..//evil.example", "/"],
    ["/a/%2e%2e//evil.example", "/"],
    ["/./\\evil.example", "/"],
    ["/.\\/evil.example", "/"],
    ["/\n/evil.example", "/"],
    ["/.\r\n//evil.example", "/"],
    [" //evil.example", "/"],
    ["/\u0000//evil.example", "/"],
  ])("sends %j back to the site", (input, expected) => {
    expect(safeRedirect(input as string | null)).toBe(expected);
  });

  it("keeps paths on the site, with their query, normalised", () => {
    expect(safeRedirect("/mijn?tab=dossiers#x")).toBe("/mijn?tab=dossiers#x");
    expect(safeRedirect("/werk", "/start")).toBe("/werk");
    expect(safeRedirect("/a/../mijn")).toBe("/mijn");
    expect(safeRedirect("/a/./b")).toBe("/a/b");
    expect(safeRedirect("/mijn/%2e%2e/werk")).toBe("/werk");
  });

  // Hostile strings built from the pieces attackers combine: slashes, backslashes, dots and
  // their percent-encodings, tabs/newlines that browsers strip, credentials, schemes, hosts.
  const piece = fc.constantFrom(
    "/",
    "//",
    "\\",
    "/\\",
    ".",
    "..",
    "%2e",
    "%2E",
    "%2e%2e",
    "%2f",
    "%2F",
    "%5c",
    "%5C",
    "%09",
    "%0a",
    "\t",
    "\n",
    "\r",
    " ",
    "\u0000",
    "\u000b",
    "@",
    ":",
    "?",
    "#",
    ";",
    "%40",
    "http:",
    "https:",
    "javascript:",
    "data:",
    "//evil.example",
    "evil.example",
    "evil.example:443",
    "user:pass@",
    "127.0.0.1",
    "[::1]",
    "%00",
    "\u3002",
    "ｅｖｉｌ",
    "a",
    "mijn",
    "werk",
  );
  const hostile = fc.array(piece, { minLength: 1, maxLength: 12 }).map((parts) => parts.join(""));

  it("always answers a path that a browser resolves on the portal's own origin", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          hostile,
          fc.string(),
          hostile.map((s) => `/${s}`),
        ),
        (input) => {
          const result = safeRedirect(input);
          expect(result.startsWith("/")).toBe(true);
          expect(result.startsWith("//")).toBe(false);
          expect(result.startsWith("/\\")).toBe(false);
          const resolved = new URL(result, ORIGIN);
          expect(resolved.origin).toBe(ORIGIN);
          expect(resolved.username + resolved.password).toBe("");
          // Already normal: feeding the answer back gives the same answer.
          expect(safeRedirect(result)).toBe(result);
          // And resolving the answer relative to any page of the portal stays on the portal.
          expect(new URL(result, `${ORIGIN}/a/b/c`).origin).toBe(ORIGIN);
        },
      ),
      { numRuns: 5000 },
    );
  });
});
