import { describe, expect, it } from "vitest";
import { cachedSearch, clearSearchCache, SEARCH_CACHE_TTL_MS, searchCacheKey } from "../../../app/modules/knowledge/search-cache";

describe("the short-lived search cache", () => {
  it("answers the same search from memory until the TTL runs out", async () => {
    clearSearchCache();
    let runs = 0;
    const compute = async () => ({ n: ++runs });
    const key = searchCacheKey({ query: "Parkeerkaart", language: "nl", limit: 10 });
    expect(key).toBe(searchCacheKey({ query: "parkeerkaart", language: "nl", theme: null, audience: undefined, limit: 10 }));
    expect(key).not.toBe(searchCacheKey({ query: "parkeerkaart", language: "nl", theme: "wonen", limit: 10 }));
    const t0 = 1_000_000;
    expect(await cachedSearch(key, compute, t0)).toEqual({ n: 1 });
    expect(await cachedSearch(key, compute, t0 + SEARCH_CACHE_TTL_MS - 1)).toEqual({ n: 1 });
    expect(await cachedSearch(key, compute, t0 + SEARCH_CACHE_TTL_MS)).toEqual({ n: 2 });
  });

  it("forgets everything on a publication, and never keeps a result computed across one", async () => {
    clearSearchCache();
    let runs = 0;
    const key = searchCacheKey({ query: "uitpas", language: "nl", limit: 10 });
    await cachedSearch(key, async () => ++runs, 0);
    clearSearchCache();
    // A search that started before the publication and ends after it is not cached.
    await cachedSearch(
      key,
      async () => {
        clearSearchCache();
        return ++runs;
      },
      1,
    );
    expect(await cachedSearch(key, async () => ++runs, 2)).toBe(3);
    expect(await cachedSearch(key, async () => ++runs, 3)).toBe(3);
  });
});
