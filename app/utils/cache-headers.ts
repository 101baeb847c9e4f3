import type { HeadersFunction } from "@remix-run/node";

/**
 * For pages that look the same to every anonymous visitor in a language: shared caches
 * (ours in app/server/page-cache.ts, or a CDN) may keep them for a minute; browsers revalidate.
 */
export const publicPageHeaders: HeadersFunction = () => ({
  "Cache-Control": "public, max-age=0, s-maxage=60",
  Vary: "Accept-Language, Cookie",
});
