import { sql } from "drizzle-orm";
import journal from "../../../db/migrations/meta/_journal.json";
import { workerHeartbeats } from "../../../db/schema";
import { db } from "~/utils/db.server";

/**
 * Readiness (GET /readyz), as opposed to liveness (/healthz): the database answers, every
 * migration this build was made with is applied, and a background worker finished a round
 * recently (else mail and reminders pile up unseen). A load balancer or Kubernetes sends
 * traffic only to a ready process; an alert fires when it stays unready.
 */

/** A worker beats at most this often, and is "recent" for WORKER_STALE_SECONDS. */
const BEAT_EVERY_MS = 15_000;
export const WORKER_STALE_SECONDS = 120;

let lastBeat = 0;

/** Called by the worker after each round; writes at most every 15 s. */
export async function recordWorkerHeartbeat(name = "worker", now = Date.now()): Promise<void> {
  if (now - lastBeat < BEAT_EVERY_MS) return;
  await db
    .insert(workerHeartbeats)
    .values({ name, beatAt: sql`now()` })
    .onConflictDoUpdate({ target: workerHeartbeats.name, set: { beatAt: sql`now()` } });
  lastBeat = now;
}

/** The migrations this build expects (folder timestamps, as drizzle records them). */
const expected: number[] = journal.entries.map((e) => e.when);

export type Readiness = {
  ready: boolean;
  db: "ok" | "down";
  migrations: "ok" | "pending" | "unknown";
  worker: "ok" | "stale";
  workerLastSeenSecondsAgo: number | null;
};

export async function checkReadiness(): Promise<Readiness> {
  try {
    const [row] = await db.execute<{ applied: string[] | null; seconds: number | null }>(sql`
      select
        (select array_agg(created_at::text) from drizzle.__drizzle_migrations) as applied,
        (select extract(epoch from now() - max(beat_at))::float8 from worker_heartbeats) as seconds`);
    const applied = new Set((row.applied ?? []).map(Number));
    const migrations = expected.every((when) => applied.has(when)) ? "ok" : "pending";
    const seconds = row.seconds === null ? null : Math.max(0, Math.round(row.seconds));
    const worker = seconds !== null && seconds <= WORKER_STALE_SECONDS ? "ok" : "stale";
    return { ready: migrations === "ok" && worker === "ok", db: "ok", migrations, worker, workerLastSeenSecondsAgo: seconds };
  } catch (err) {
    // No migrations table yet (42P01) means none applied; anything else: the database is down.
    const missing = (err as { code?: string }).code === "42P01" || (err as { cause?: { code?: string } }).cause?.code === "42P01";
    return { ready: false, db: missing ? "ok" : "down", migrations: missing ? "pending" : "unknown", worker: "stale", workerLastSeenSecondsAgo: null };
  }
}
