import { supportedLanguages } from "~/i18n/config";
import type { NextFunction, Request, Response } from "express";
import { z } from "zod";
import { kioskIdFromCookieHeader } from "~/modules/access/kiosks.server";
import { scanAtKiosk } from "~/modules/access/scan.server";
import { offlineBundle, offlineSyncSchema, syncOfflineScans, type OfflineCall } from "~/modules/access/offline.server";
import { scanSchema } from "~/modules/access/schemas";
import { noAnswerHelp } from "~/modules/knowledge/no-answer.server";
import { searchArticles } from "~/modules/knowledge/search.server";
import { logError, noteRole, noteRoute } from "~/modules/platform/logger.server";
import { checkReadiness } from "~/modules/platform/readiness.server";
import { pingDb } from "~/utils/db.server";
import { cleanUrlEncoded, cleanUtf8 } from "~/utils/clean-input";
import { env } from "~/utils/env.server";
import { parseOrBadRequest } from "~/utils/kernel.server";

/**
 * The hot JSON endpoints, as plain Express handlers in front of Remix: the kiosk scan, the
 * knowledge search API and the health check. Remix costs about a millisecond of CPU per
 * request before any loader runs (route matching over every route, the request/response
 * conversion); these answers need none of it.
 *
 * This module is bundled into the Remix server build and handed to Express through
 * `build.entry.module` (see app/entry.server.tsx): the handlers then share the one copy of
 * every module (database pool, search cache) with the Remix routes.
 */

const noStore = { "Cache-Control": "no-store" };

function sendJson(res: Response, status: number, body: unknown, headers: Record<string, string> = noStore) {
  const bytes = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { ...headers, "Content-Type": "application/json; charset=utf-8", "Content-Length": bytes.length });
  res.end(bytes);
}

/**
 * Names the route for the access log and metrics. An error is logged once (with the request
 * id) and handed to the final error handler: Express 4 does not pass a rejected promise on.
 */
const handle = (name: string, fn: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response, next: NextFunction) => {
  noteRoute(`fast:${name}`);
  fn(req, res).catch((err: unknown) => {
    logError(err, `error in fast route ${name}`);
    // One neutral answer for every error, the same as Express's other routes get (error-handler.ts).
    next(err);
  });
};

/** GET /healthz: the process answers and the database too. */
export const health = handle("health", async (_req, res) => {
  const ok = await pingDb();
  sendJson(res, ok ? 200 : 503, { status: ok ? "ok" : "degraded", db: ok ? "ok" : "down" });
});

/**
 * GET /readyz: ready to serve: the database answers, every migration is applied and the
 * background worker ran recently (platform/readiness.server.ts). 503 otherwise.
 */
export const ready = handle("ready", async (_req, res) => {
  const r = await checkReadiness();
  sendJson(res, r.ready ? 200 : 503, {
    status: r.ready ? "ok" : "not_ready",
    db: r.db,
    migrations: r.migrations,
    worker: r.worker,
    workerLastSeenSecondsAgo: r.workerLastSeenSecondsAgo,
  });
});

const searchParams = z.object({
  q: z.string().max(200).default(""),
  lang: z.enum(supportedLanguages).catch("nl"),
  limit: z.coerce.number().int().min(1).max(50).catch(10),
  theme: z.string().max(40).optional(),
  audience: z.string().max(40).optional(),
});

/**
 * GET /api/v1/knowledge/search?q=..&lang=nl&limit=10: the same search as the Mikipedia
 * pages, for the counter, the phone line and other channels. Nothing above the relevance
 * threshold: `results: []` and `help` with the ways to a person, in the asked language
 * (null when there are answers). `onlyInDutch` marks a Dutch article found from English or French.
 */
export const knowledgeSearch = handle("knowledgeSearch", async (req, res) => {
  const query = req.originalUrl.includes("?") ? req.originalUrl.slice(req.originalUrl.indexOf("?") + 1) : "";
  const input = searchParams.safeParse(Object.fromEntries(new URLSearchParams(query)));
  if (!input.success) return sendJson(res, 400, { error: "invalid_query" }, {});
  const { q, lang, limit, theme, audience } = input.data;
  const r = await searchArticles({ query: q, language: lang, limit, theme, audience, channel: "api" });
  const base = env().PUBLIC_URL;
  sendJson(
    res,
    200,
    {
      query: r.query,
      results: r.results.map((x) => ({ slug: x.slug, title: x.title, summary: x.summary, url: `${base}${x.url}`, score: x.score, onlyInDutch: x.onlyInDutch })),
      didYouMean: r.didYouMean,
      help: r.noAnswer ? noAnswerHelp(lang, r.query, base) : null,
    },
    { ...noStore, "Access-Control-Allow-Origin": "*" },
  );
});

const MAX_SCAN_BODY = 4096;

/**
 * A small body, or undefined past `max` bytes, declared (Content-Length: nothing is read) or
 * counted (the rest is then read past and dropped, so the client still gets the answer).
 * Plain stream events: `for await` over the request makes a promise per step, and each one
 * costs the request context's bookkeeping (AsyncLocalStorage), a few percent of a kiosk scan.
 * The input guards may have paused the stream, hence resume().
 */
function readSmallBody(req: Request, max: number): Promise<Buffer<ArrayBuffer> | undefined> {
  if (Number(req.headers["content-length"] ?? 0) > max) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
    };
    function onData(chunk: Buffer) {
      size += chunk.length;
      if (size <= max) return void chunks.push(chunk);
      stop();
      req.resume();
      resolve(undefined);
    }
    function onEnd() {
      stop();
      resolve(Buffer.concat(chunks, size));
    }
    function onError(err: Error) {
      stop();
      reject(err);
    }
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.resume();
  });
}

/** The kiosk's scan: one code, as the door kiosk's form takes it (no NUL: it reaches no query). */
const scanBody = z.object({ code: scanSchema.shape.code.refine((code) => !code.includes("\0")) });

/** Reads the small body of a scan (url-encoded, multipart or JSON): 413 past 4 kB, 400 when unreadable. */
async function scanInput(req: Request): Promise<{ ok: true; input: { code?: unknown } } | { ok: false; status: 400 | 413 }> {
  const type = (req.headers["content-type"] ?? "").toLowerCase();
  const bytes = await readSmallBody(req, MAX_SCAN_BODY);
  if (!bytes) return { ok: false, status: 413 };
  if (type.startsWith("multipart/form-data")) {
    try {
      const form = await new globalThis.Request("http://kiosk/scan", { method: "POST", headers: { "content-type": type }, body: bytes }).formData();
      return { ok: true, input: { code: form.get("code") ?? undefined } };
    } catch {
      return { ok: false, status: 400 };
    }
  }
  const text = cleanUtf8(bytes);
  if (text === undefined) return { ok: false, status: 400 };
  if (type.startsWith("application/json")) {
    try {
      const body = JSON.parse(text) as { code?: unknown } | null;
      return { ok: true, input: { code: body?.code } };
    } catch {
      return { ok: false, status: 400 };
    }
  }
  if (!cleanUrlEncoded(text)) return { ok: false, status: 400 };
  return { ok: true, input: { code: new URLSearchParams(text).get("code") ?? undefined } };
}

/**
 * POST /kiosk/scan with `code`: the kiosk's JSON endpoint (for scripts on the device and the
 * benchmark). Only a kiosk with its signed cookie may scan; the answer carries no more than
 * the screen shows. Same-origin is checked before this (sameOriginOnly).
 */
export const kioskScan = handle("kioskScan", async (req, res) => {
  const kioskId = await kioskIdFromCookieHeader(req.headers.cookie);
  if (!kioskId) return sendJson(res, 401, { outcome: "kiosk_revoked" });
  noteRole("kiosk");
  const read = await scanInput(req);
  if (!read.ok) return sendJson(res, read.status, read.status === 413 ? { error: "payload_too_large" } : { outcome: "not_city_code" });
  const parsed = parseOrBadRequest(scanBody, read.input);
  if (!parsed.ok) return sendJson(res, 400, { outcome: "not_city_code" });
  const answer = await scanAtKiosk(kioskId, parsed.data.code);
  sendJson(res, answer.outcome === "kiosk_revoked" ? 401 : answer.outcome === "rate_limited" ? 429 : 200, answer);
});

/** A sync carries at most MAX_SYNC_SCANS scans of about 200 bytes each (1,000 at most): 512 kB is ample. */
const MAX_SYNC_BODY = 512 * 1024;

/** Reads a JSON body up to `max` bytes: 413 past it, 400 when it is not UTF-8 JSON. */
async function jsonInput(req: Request, max: number): Promise<{ ok: true; input: unknown } | { ok: false; status: 400 | 413 }> {
  const type = (req.headers["content-type"] ?? "").toLowerCase();
  if (!type.startsWith("application/json")) return { ok: false, status: 400 };
  const bytes = await readSmallBody(req, max);
  if (!bytes) return { ok: false, status: 413 };
  const text = cleanUtf8(bytes);
  if (text === undefined) return { ok: false, status: 400 };
  try {
    return { ok: true, input: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, status: 400 };
  }
}

function sendOfflineCall<T>(res: Response, call: OfflineCall<T>) {
  if (call.status === "kiosk_revoked") return sendJson(res, 401, { error: "kiosk_revoked" });
  if (call.status === "rate_limited") return sendJson(res, 429, { error: "rate_limited" }, { ...noStore, "Retry-After": String(call.retryAfterSeconds) });
  sendJson(res, 200, call.body);
}

/**
 * GET /kiosk/offline/bundle: what a door kiosk keeps to decide without network (issue 19):
 * public keys, and revoked, used and multiple-entry pass ids of its building. Kiosk cookie only.
 */
export const kioskOfflineBundle = handle("kioskOfflineBundle", async (req, res) => {
  const kioskId = await kioskIdFromCookieHeader(req.headers.cookie);
  if (!kioskId) return sendJson(res, 401, { error: "kiosk_revoked" });
  noteRole("kiosk");
  sendOfflineCall(res, await offlineBundle(kioskId));
});

/**
 * POST /kiosk/offline/sync with JSON `{ scans: [{ id, code, at, outcome }] }`: the scans a
 * door kiosk decided without network. Kiosk cookie only; same-origin is checked before this.
 */
export const kioskOfflineSync = handle("kioskOfflineSync", async (req, res) => {
  const kioskId = await kioskIdFromCookieHeader(req.headers.cookie);
  if (!kioskId) return sendJson(res, 401, { error: "kiosk_revoked" });
  noteRole("kiosk");
  const read = await jsonInput(req, MAX_SYNC_BODY);
  if (!read.ok) return sendJson(res, read.status, { error: read.status === 413 ? "payload_too_large" : "bad_request" });
  const parsed = parseOrBadRequest(offlineSyncSchema, read.input);
  if (!parsed.ok) return sendJson(res, 400, parsed.body);
  sendOfflineCall(res, await syncOfflineScans(kioskId, parsed.data));
});

export type FastRoutes = {
  health: typeof health;
  ready: typeof ready;
  knowledgeSearch: typeof knowledgeSearch;
  kioskScan: typeof kioskScan;
  kioskOfflineBundle: typeof kioskOfflineBundle;
  kioskOfflineSync: typeof kioskOfflineSync;
};
export const fastRoutes: FastRoutes = { health, ready, knowledgeSearch, kioskScan, kioskOfflineBundle, kioskOfflineSync };
