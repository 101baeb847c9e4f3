import { pgClient } from "~/utils/db.server";
import { logger } from "./logger.server";

/**
 * Clears an in-process cache in every process of the portal, not only in the one that made the
 * change. With WEB_CONCURRENCY > 1 (or several servers) each HTTP process keeps its own copy of
 * the search results, request definitions and queue counts; without this, an admin who saves a
 * status model could see the old one on the next page, served by another process, for a minute.
 *
 * How: the process that changes something clears its own cache at once and sends a PostgreSQL
 * NOTIFY with the cache's name; every HTTP process LISTENs (startCacheBus) and clears its copy.
 * Notifications arrive within milliseconds of the commit; a process that lost its listening
 * connection gets it back automatically (postgres.js) and meanwhile the caches' own short
 * lifetimes bound what it serves.
 */
const CHANNEL = "mechelaar_cache_cleared";
const clearers = new Map<string, Set<() => void>>();

/**
 * A cache declares how to clear its local copy under a name. Several caches may listen to one
 * name: the anonymous page cache (app/server/page-cache.ts) also clears when "search" (a
 * publication) or "definitions" (a service's form or status model) is cleared.
 */
export function registerCache(name: string, clearLocal: () => void) {
  let set = clearers.get(name);
  if (!set) clearers.set(name, (set = new Set()));
  set.add(clearLocal);
}

function clearLocal(name: string) {
  for (const clear of clearers.get(name) ?? []) clear();
}

/** Clears the named cache here and tells the other processes. Call it after the commit. */
export function clearEverywhere(name: string) {
  clearLocal(name);
  // No database configured (a unit test of a cache): there are no other processes to tell.
  if (!process.env.DATABASE_URL) return;
  pgClient()
    .notify(CHANNEL, name)
    .catch((err: unknown) => logger().warn({ err }, `Could not tell other processes to clear the ${name} cache`));
}

/** Starts listening in this process (each HTTP process calls it once, before it serves). */
export async function startCacheBus(): Promise<{ stop: () => Promise<void> }> {
  const { unlisten } = await pgClient().listen(CHANNEL, (name) => clearLocal(name));
  return { stop: unlisten };
}
