import { logError } from "../modules/platform/logger.server";
import type { ErrorRequestHandler, Request } from "express";
import nl from "../../locales/nl/common.json";

/**
 * Nothing secret in error output (issue 12 item 8). Three pieces, used by Express
 * (app/server/http-app.ts) and Remix (app/entry.server.tsx):
 *
 * - `redactError` strips SQL text and query parameters from database errors *in place*,
 *   before Remix serialises an error or anything logs it. drizzle's DrizzleQueryError puts
 *   the whole statement and its parameters (a session id, an e-mail address) in its message;
 *   postgres.js errors carry them as (hidden) `query`/`parameters` properties.
 * - `showsErrorDetails` says whether a stack trace may reach this client: only in
 *   development and only to a browser on this machine (a loopback socket, no proxy in between).
 * - `finalErrorHandler` answers whatever Express was handed (the fast JSON routes, a body
 *   parser) with a neutral page or JSON instead of Express's own page with the stack.
 */

const HIDDEN_DB_FIELDS = ["query", "params", "parameters", "args", "types", "detail", "where", "internal_query", "hint"];

function isDatabaseError(e: Record<string, unknown>) {
  return (
    e.name === "DrizzleQueryError" || e.name === "PostgresError" || (typeof e.message === "string" && e.message.startsWith("Failed query:")) || "query" in e || "parameters" in e
  );
}

/** Keeps only the "    at ..." lines of a stack, under a new first line. */
function framesOnly(stack: unknown, head: string) {
  const frames = typeof stack === "string" ? stack.split("\n").filter((l) => /^\s+at /.test(l)) : [];
  return [head, ...frames].join("\n");
}

/** Removes SQL and parameters from a database error and its causes; returns the same value. */
export function redactError<T>(error: T): T {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    const e = current as Record<string, unknown>;
    if (isDatabaseError(e)) {
      const code = [e.code, (e.cause as Record<string, unknown> | undefined)?.code].find((c) => typeof c === "string" && /^[0-9A-Z]{5}$/.test(c));
      const message = `Database query failed${code ? ` (SQLSTATE ${code})` : ""}; SQL and parameters are not shown`;
      for (const key of HIDDEN_DB_FIELDS) {
        const d = Object.getOwnPropertyDescriptor(e, key);
        if (d?.configurable) delete e[key];
      }
      // postgres.js defines its fields read-only; a message or stack we cannot replace is left to the callers, who never show it.
      const msg = Object.getOwnPropertyDescriptor(e, "message");
      if (!msg || msg.writable || msg.configurable) Object.defineProperty(e, "message", { value: message, writable: true, configurable: true, enumerable: false });
      const st = Object.getOwnPropertyDescriptor(e, "stack");
      if (!st || st.writable || st.configurable) {
        Object.defineProperty(e, "stack", {
          value: framesOnly(st?.value ?? e.stack, `${String(e.name ?? "Error")}: ${message}`),
          writable: true,
          configurable: true,
          enumerable: false,
        });
      }
    }
    current = e.cause;
  }
  return error;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/** A browser on this very machine, talking to us directly (no proxy that forwarded someone else). */
export function isLoopbackClient(remoteAddress: string | undefined, headers: { get(name: string): string | null | undefined }) {
  return LOOPBACK.test(remoteAddress ?? "") && !headers.get("x-forwarded-for") && !headers.get("forwarded");
}

/** Stack traces only in development, and only to a browser on the same machine. */
export function showsErrorDetails(mode: string, req: Request) {
  return mode === "development" && isLoopbackClient(req.socket.remoteAddress, { get: (n) => req.get(n) });
}

/** Status of an error Express was handed: a client error (e.g. a body parser's 400/413) keeps its 4xx. */
function statusOf(err: unknown) {
  const s = (err as { status?: unknown; statusCode?: unknown } | null)?.status ?? (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof s === "number" && s >= 400 && s < 500 ? s : 500;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The last Express error handler: a neutral answer, never the error's message, SQL or a cookie. */
export function finalErrorHandler(mode: string): ErrorRequestHandler {
  return (err, req, res, _next) => {
    redactError(err);
    const status = statusOf(err);
    const rawId = (req as { id?: unknown }).id ?? res.getHeader("x-request-id");
    const requestId = typeof rawId === "string" || typeof rawId === "number" ? String(rawId) : undefined;
    if (status >= 500) logError(err, "error answered by the final handler", { reqId: requestId, method: req.method });
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const details = status >= 500 && showsErrorDetails(mode, req) && err instanceof Error ? err.stack : undefined;
    res.status(status).set("Cache-Control", "no-store");
    const wantsJson = req.path.startsWith("/api/") || req.path === "/kiosk/scan" || req.accepts(["html", "json"]) === "json";
    if (wantsJson) {
      res.json({ error: status >= 500 ? "server_error" : "bad_request", status, ...(requestId ? { requestId } : {}), ...(details ? { stack: details } : {}) });
      return;
    }
    const text = status >= 500 ? nl.errors.server : nl.errors.badRequest;
    res
      .type("html")
      .send(
        `<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(text.title)}</title></head>` +
          `<body><main><h1>${escapeHtml(text.title)}</h1><p>${escapeHtml(text.body)}</p><p><a href="/">${escapeHtml(nl.errors.backHome)}</a></p>` +
          `<p>${escapeHtml(nl.errors.code.replace("{{status}}", String(status)))}</p>` +
          (requestId ? `<p>${escapeHtml(nl.errors.reference.replace("{{id}}", requestId))}</p>` : "") +
          (details ? `<pre>${escapeHtml(details)}</pre>` : "") +
          `</main></body></html>`,
      );
  };
}
