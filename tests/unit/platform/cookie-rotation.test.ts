import { createCookie } from "@remix-run/node";
import { describe, expect, it } from "vitest";

describe("session secret rotation", () => {
  it("accepts cookies signed with a previous secret and signs new ones with the newest", async () => {
    const before = createCookie("s", { secrets: ["old-secret"] });
    const signedBefore = await before.serialize("session-id");
    const after = createCookie("s", { secrets: ["new-secret", "old-secret"] });
    expect(await after.parse(signedBefore.split(";")[0])).toBe("session-id");
    const fresh = await after.serialize("session-id");
    expect(await createCookie("s", { secrets: ["new-secret"] }).parse(fresh.split(";")[0])).toBe("session-id");
    expect(await createCookie("s", { secrets: ["other"] }).parse(fresh.split(";")[0])).toBe(null);
  });
});
