import type { NextFunction, Request, Response } from "express";

/**
 * A small shared cache in front of Remix for public pages seen by anonymous visitors, the
 * way a reverse proxy or CDN would hold them: only GET, only without a session cookie (or
 * another cookie that makes a page personal, `privateCookies`), only
 * responses that say `s-maxage` and set no cookie. The key includes everything the language
 * depends on (?lng, the lng cookie, Accept-Language), so nobody gets another visitor's page.
 *
 * A publication clears it in every process at once (PAGE_CACHE_CLEARED_BY through the cache bus,
 * wired in http-app.ts); `s-maxage` then only bounds what a process that lost its listening
 * connection can serve.
 */
export const PAGE_CACHE_CLEARED_BY = ["pages", "search", "definitions", "entrances"] as const;
type Entry = { expires: number; status: number; headers: Record<string, string>; body: Buffer; nonce?: { at: number[] } };

/**
 * Each response has its own Content-Security-Policy nonce (security-headers.ts): a cached page
 * is sent with this response's nonce written over the stored one (same length, so in place on
 * a copy), and the stored policy header is left out so this response's own one stays.
 */
function nonceOffsets(body: Buffer, nonce: unknown): Entry["nonce"] {
  if (typeof nonce !== "string" || !nonce) return undefined;
  const needle = Buffer.from(`nonce="${nonce}"`);
  const at: number[] = [];
  for (let i = body.indexOf(needle); i !== -1; i = body.indexOf(needle, i + needle.length)) at.push(i + 7);
  return { at };
}
function withNonce(hit: Entry, nonce: unknown): Buffer {
  if (!hit.nonce?.at.length || typeof nonce !== "string") return hit.body;
  const body = Buffer.from(hit.body);
  for (const i of hit.nonce.at) body.write(nonce, i, "latin1");
  return body;
}

export function pageCache({
  sessionCookie,
  privateCookies = [],
  maxEntries = 500,
  now = () => Date.now(),
}: {
  sessionCookie: string;
  privateCookies?: string[];
  maxEntries?: number;
  now?: () => number;
}) {
  const personal = [sessionCookie, ...privateCookies].map((name) => `${name}=`);
  const entries = new Map<string, Entry>();
  // Bumped on every clear: a page rendered from data read before a publication is not kept.
  let generation = 0;

  const middleware = (req: Request, res: Response, next: NextFunction) => {
    const cookies = req.headers.cookie ?? "";
    if (req.method !== "GET" || personal.some((c) => cookies.includes(c))) return next();
    const lngCookie = /(?:^|;\s*)lng=([^;]*)/.exec(req.headers.cookie ?? "")?.[1] ?? "";
    const key = `${req.originalUrl}\u0000${lngCookie}\u0000${req.headers["accept-language"] ?? ""}`;

    const hit = entries.get(key);
    if (hit && hit.expires > now()) {
      // Node's own setHeader: the headers were checked when the page was stored.
      res.statusCode = hit.status;
      for (const name in hit.headers) res.setHeader(name, hit.headers[name]);
      res.setHeader("X-Page-Cache", "hit");
      res.end(withNonce(hit, res.locals.cspNonce));
      return;
    }
    if (hit) entries.delete(key);

    const started = generation;
    const chunks: Buffer[] = [];
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    const collect = (chunk: unknown, encoding?: unknown) => {
      if (chunk && typeof chunk !== "function")
        chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8"));
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      collect(chunk, rest[0]);
      return write(chunk, ...rest);
    }) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      collect(chunk, rest[0]);
      const maxAge = /s-maxage=(\d+)/.exec(String(res.getHeader("Cache-Control") ?? ""))?.[1];
      if (maxAge && res.statusCode === 200 && !res.getHeader("Set-Cookie") && started === generation) {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.getHeaders())) {
          if (value !== undefined && !["content-length", "content-encoding", "transfer-encoding", "connection", "x-request-id", "content-security-policy"].includes(name))
            headers[name] = String(value);
        }
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
        const body = Buffer.concat(chunks);
        entries.set(key, { expires: now() + Number(maxAge) * 1000, status: 200, headers, body, nonce: nonceOffsets(body, res.locals.cspNonce) });
      }
      return end(chunk, ...rest);
    }) as typeof res.end;
    next();
  };
  /** Forgets every page: called through the cache bus when published content changes, in every process. */
  return Object.assign(middleware, {
    clear: () => {
      generation++;
      entries.clear();
    },
  });
}
