import { clearEverywhere, registerCache } from "~/modules/platform/cache-bus.server";

/**
 * A short-lived in-process cache of search results. Searches repeat a lot (the same few
 * questions from the pages, the counter and the phone line), while articles change a few
 * times a day, always through a publication that clears this cache (`clearSearchCache`).
 *
 * With several app processes, each holds its own cache; a publication clears all of them
 * (platform/cache-bus.server.ts), and TTL_MS bounds what a process that missed it serves.
 */
export const SEARCH_CACHE_TTL_MS = 5_000;
/** SEARCH_CACHE_SECONDS overrides the TTL (0 turns the cache off, e.g. to measure a cold search). */
const ttlMs = () => {
  const configured = Number(process.env.SEARCH_CACHE_SECONDS);
  return process.env.SEARCH_CACHE_SECONDS !== undefined && Number.isFinite(configured) && configured >= 0 ? configured * 1000 : SEARCH_CACHE_TTL_MS;
};
const MAX_ENTRIES = 2_000;

type Entry<T> = { expires: number; value: T };
const entries = new Map<string, Entry<unknown>>();
let generation = 0;

export function searchCacheKey(parts: { query: string; language: string; theme?: string | null; audience?: string | null; limit: number }) {
  return [parts.language, parts.theme ?? "", parts.audience ?? "", parts.limit, parts.query.toLowerCase()].join("\u0000");
}

/** The cached value for `key`, or what `compute` gives (then kept for TTL_MS). */
export async function cachedSearch<T>(key: string, compute: () => Promise<T>, now = Date.now()): Promise<T> {
  const ttl = ttlMs();
  if (ttl === 0) return compute();
  const hit = entries.get(key);
  if (hit && hit.expires > now) return hit.value as T;
  if (hit) entries.delete(key);
  const started = generation;
  const value = await compute();
  // A publication while we computed may have made this result stale: do not keep it.
  if (started === generation) {
    if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
    entries.set(key, { expires: now + ttl, value });
  }
  return value;
}

const clearListeners: (() => void)[] = [];
/** Other search state derived from the articles (the word statistics) is dropped with the cache. */
export function onSearchCacheClear(listener: () => void) {
  clearListeners.push(listener);
}

registerCache("search", () => {
  generation++;
  entries.clear();
  for (const listener of clearListeners) listener();
});

/** After an article is published or unpublished, or a best bet changes: in every process. */
export function clearSearchCache() {
  clearEverywhere("search");
}
