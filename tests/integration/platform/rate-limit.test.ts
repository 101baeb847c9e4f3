import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { hitRateLimit } from "../../../app/modules/platform/rate-limit.server";
import { db } from "../../../app/utils/db.server";

describe("rate limits", () => {
  it("hold across separate connections, as they would across app processes", async () => {
    const other = postgres(process.env.DATABASE_URL!, { max: 3 });
    try {
      // A day-long window: the burst cannot straddle the turn of a window (except at midnight UTC).
      const rule = { name: "test", limit: 10, windowSeconds: 86400 };
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => hitRateLimit(rule, "shared-key", i % 2 ? db : drizzle(other))));
      expect(results.filter((r) => r.allowed)).toHaveLength(10);
      expect(results.filter((r) => !r.allowed).every((r) => r.retryAfterSeconds > 0 && r.retryAfterSeconds <= 86400)).toBe(true);
    } finally {
      await other.end();
    }
  });

  it("count each subject separately, ignoring case", async () => {
    const rule = { name: "case", limit: 1, windowSeconds: 86400 };
    expect((await hitRateLimit(rule, "A@example.com")).allowed).toBe(true);
    expect((await hitRateLimit(rule, "a@EXAMPLE.com")).allowed).toBe(false);
    expect((await hitRateLimit(rule, "b@example.com")).allowed).toBe(true);
  });
});
