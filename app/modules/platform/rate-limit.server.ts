import { sql } from "drizzle-orm";
import { db, type Database } from "~/utils/db.server";

export type RateLimitRule = { name: string; limit: number; windowSeconds: number };
export type RateLimitResult = { allowed: boolean; retryAfterSeconds: number };

/**
 * Counts one hit for `key` in the current fixed window and says whether it is still
 * within the limit. One atomic upsert in PostgreSQL, so it holds across app processes.
 * It commits on its own, on the pool (never in the caller's transaction: a refused login that
 * rolls back must still count); the pool is a parameter only so a test can race two of them.
 *
 * On its own (not inside a caller's transaction) the count commits asynchronously: every hit on
 * one key updates one row, and a synchronous commit would hold that row locked through a disk
 * flush, so simultaneous requests from one address (a building's Wi-Fi) would queue behind each
 * other. A crash of PostgreSQL may lose the last fraction of a second of counts, nothing more.
 */
export async function hitRateLimit(rule: RateLimitRule, subject: string, conn: Database = db): Promise<RateLimitResult> {
  const windowMs = rule.windowSeconds * 1000;
  const now = Date.now();
  const windowStart = new Date(Math.floor(now / windowMs) * windowMs);
  const key = `${rule.name}:${subject.toLowerCase()}`;
  const own = conn === db;
  const rows = await conn.execute<{ hits: number }>(sql`
    with hit as (
      insert into rate_limits (key, window_start, hits) values (${key}, ${windowStart.toISOString()}, 1)
      on conflict (key, window_start) do update set hits = rate_limits.hits + 1
      returning hits
    )
    select hits${own ? sql`, set_config('synchronous_commit', 'off', true) as commit_mode` : sql``} from hit`);
  const hits = Number(rows[0]?.hits ?? 1);
  const retryAfterSeconds = Math.ceil((windowStart.getTime() + windowMs - now) / 1000);
  return { allowed: hits <= rule.limit, retryAfterSeconds };
}

/** Old windows are useless; the worker prunes them. */
export async function pruneRateLimits() {
  await db.execute(sql`delete from rate_limits where window_start < now() - interval '1 day'`);
}
