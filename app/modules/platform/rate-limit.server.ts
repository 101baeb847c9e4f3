import { sql } from "drizzle-orm";
import { db, type Database } from "~/utils/db.server";

export type RateLimitRule = { name: string; limit: number; windowSeconds: number };
export type RateLimitResult = { allowed: boolean; retryAfterSeconds: number };

/**
 * Counts one hit for `key` in the current fixed window and says whether it is still
 * within the limit. One atomic upsert in PostgreSQL, so it holds across app processes.
 * It commits on its own, on the pool (never in the caller's transaction: a refused login that
 * rolls back must still count); the pool is a parameter only so a test can race two of them.
 */
export async function hitRateLimit(rule: RateLimitRule, subject: string, conn: Database = db): Promise<RateLimitResult> {
  const windowMs = rule.windowSeconds * 1000;
  const now = Date.now();
  const windowStart = new Date(Math.floor(now / windowMs) * windowMs);
  const key = `${rule.name}:${subject.toLowerCase()}`;
  const rows = await conn.execute<{ hits: number }>(sql`
    insert into rate_limits (key, window_start, hits) values (${key}, ${windowStart.toISOString()}, 1)
    on conflict (key, window_start) do update set hits = rate_limits.hits + 1
    returning hits`);
  const hits = Number(rows[0]?.hits ?? 1);
  const retryAfterSeconds = Math.ceil((windowStart.getTime() + windowMs - now) / 1000);
  return { allowed: hits <= rule.limit, retryAfterSeconds };
}

/** Old windows are useless; the worker prunes them. */
export async function pruneRateLimits() {
  await db.execute(sql`delete from rate_limits where window_start < now() - interval '1 day'`);
}
