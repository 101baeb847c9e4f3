import contentType from "content-type";
import type { NextFunction, Request, Response } from "express";
import enCommon from "../../locales/en/common.json";
import frCommon from "../../locales/fr/common.json";
import nlCommon from "../../locales/nl/common.json";
import { cleanRequestTarget } from "../utils/clean-input";

/**
 * The first check on every request, before any route sees it (issue 12 item 6):
 *   - the path and the query string decode to valid UTF-8 without NUL bytes, or 400;
 *   - a body has a type we can read (a parsable Content-Type, multipart with a boundary), or 400;
 *   - a body is no larger than its limit, or 413: the declared Content-Length is checked
 *     before anything is read, and a body without one (chunked) is counted while it streams.
 * The answer is a small page in the visitor's language, or JSON for the API and JSON clients.
 * What the body holds (NUL bytes, invalid UTF-8, malformed JSON) is checked where it is read:
 * the request kernel's readers (app/utils/kernel.server.ts) and the fast routes.
 */

/** Url-encoded forms, JSON and any other small body. */
export const FORM_BODY_LIMIT = 1_000_000;
/** Ten files of 10 MB (the upload limit) plus 1 MB of text fields and multipart framing. */
export const MULTIPART_BODY_LIMIT = 10 * 10 * 1024 * 1024 + 1_000_000;

/** The error a counted body stream fails with once it passes its limit. */
export class BodyTooLargeError extends Error {
  readonly status = 413;
  readonly type = "entity.too.large";
  constructor(readonly limit: number) {
    super("The request body is larger than allowed.");
    this.name = "BodyTooLargeError";
  }
}

/** How much of a refused body is read past (and dropped) so that the client sees the answer. */
const DRAIN_AT_MOST = 16 * 1024 * 1024;

const texts = { nl: nlCommon.errors, en: enCommon.errors, fr: frCommon.errors } as const;

function wantsJson(req: Request): boolean {
  if (req.path.startsWith("/api/")) return true;
  if ((req.headers["content-type"] ?? "").toLowerCase().includes("json")) return true;
  return req.accepts(["html", "json"]) === "json";
}

/** Answers a refused request with a small readable page (or JSON) and closes the connection. */
export function refuse(req: Request, res: Response, status: 400 | 413) {
  const kind = status === 413 ? "tooLarge" : "badRequest";
  // A body of modest size is read past and dropped by Node, so the client sees this answer
  // (closing while it still sends would reset the connection); past that, the connection closes.
  if (Number(req.headers["content-length"] ?? 0) > DRAIN_AT_MOST || req.headers["transfer-encoding"] !== undefined) res.setHeader("Connection", "close");
  res.setHeader("Cache-Control", "no-store");
  if (wantsJson(req)) {
    res.status(status).json({ error: status === 413 ? "payload_too_large" : "bad_request" });
    return;
  }
  const lng = (req.acceptsLanguages("nl", "en", "fr") || "nl") as keyof typeof texts;
  const t = texts[lng];
  const html = `<!DOCTYPE html><html lang="${lng}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${t[kind].title}</title></head><body><main><h1>${t[kind].title}</h1><p>${t[kind].body}</p><p><a href="/">${t.backHome}</a></p><p>${t.code.replace("{{status}}", String(status))}</p></main></body></html>`;
  res.status(status).type("text/html; charset=utf-8").send(html);
}

function hasBody(req: Request): boolean {
  if (req.headers["transfer-encoding"] !== undefined) return true;
  const length = req.headers["content-length"];
  return length !== undefined && length !== "0";
}

/**
 * Counts a body without a declared length while the route reads it: past the limit the
 * stream fails with BodyTooLargeError (the kernel's readers answer 413). The stream stays
 * paused until its reader attaches, so no byte is lost on the way.
 */
function countWhileStreaming(req: Request, limit: number) {
  let seen = 0;
  req.pause();
  const count = (chunk: Buffer) => {
    seen += chunk.length;
    if (seen <= limit) return;
    req.off("data", count);
    // Only a reader listens for errors; a body nobody reads is simply dropped by Node.
    if (req.listenerCount("error") > 0) req.emit("error", new BodyTooLargeError(limit));
  };
  req.on("data", count);
}

/** The middleware: install it first, before any route or body reader. */
export function inputGuards() {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!cleanRequestTarget(req.originalUrl)) return refuse(req, res, 400);
    if (!hasBody(req)) return next();
    const header = req.headers["content-type"];
    let limit = FORM_BODY_LIMIT;
    if (header !== undefined) {
      let type: contentType.ParsedMediaType;
      try {
        type = contentType.parse(header);
      } catch {
        return refuse(req, res, 400);
      }
      if (type.type === "multipart/form-data") {
        if (!type.parameters.boundary) return refuse(req, res, 400);
        limit = MULTIPART_BODY_LIMIT;
      }
    }
    const declared = req.headers["content-length"];
    if (declared !== undefined) {
      if (Number(declared) > limit) return refuse(req, res, 413);
    } else {
      countWhileStreaming(req, limit);
    }
    next();
  };
}

const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

/**
 * For the pages (Remix): a body is a form, url-encoded or multipart, or the request is a 400.
 * Installed after the plain JSON routes and before Remix.
 */
export function formBodiesOnly() {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!hasBody(req)) return next();
    const header = req.headers["content-type"];
    const type = header ? contentType.parse(header).type : "";
    if (!FORM_TYPES.has(type)) return refuse(req, res, 400);
    next();
  };
}
