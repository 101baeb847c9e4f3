import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import type * as RemixRouter from "@remix-run/router";
import type { ServerBuild } from "@remix-run/node";
import type { NextFunction, Request, Response } from "express";
import { logger, runWithRequestContext, scrub, type RequestContext } from "../modules/platform/logger.server";
import { observeRequest } from "./metrics";

/**
 * The access log and the request context, as the first middleware of the app:
 * one line per request with request id, method, path (never the query string), route id,
 * status, duration and role (what kind of user, never who), and the request duration
 * histogram of the metrics.
 *
 * The request id comes from `X-Request-Id` only behind a trusted proxy (TRUST_PROXY), and
 * only when it looks like an id; otherwise it is generated. It is returned in `X-Request-Id`.
 *
 * Why not pino-http (decision 022): it makes a child logger per request, whose bindings are
 * serialised on every request even when the line is not written; that was about a sixth of
 * the CPU of the cheapest requests. One `logger().info(line)` when the response ends writes
 * the same line, and nothing is built when the level is off.
 */

type RouteNode = { id: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: RouteNode[] };
const require = createRequire(import.meta.url);
// Called through the CommonJS exports object, so the process-wide memo applies (memo-match-routes.ts).
const router = require("@remix-run/router") as typeof RemixRouter;

const INCOMING_ID = /^[\w.:@-]{1,128}$/;
// Route parameters that carry a secret: logged as the parameter's name, never its value.
const SECRET_PARAMS = new Set(["key", "token"]);
const FILE_LIKE = /\.[^/]*$/;

function routeTree(routes: ServerBuild["routes"]): RouteNode[] {
  const nodes = new Map<string, RouteNode>();
  for (const r of Object.values(routes)) nodes.set(r.id, { id: r.id, path: r.path, index: r.index, caseSensitive: r.caseSensitive });
  const roots: RouteNode[] = [];
  for (const r of Object.values(routes)) {
    const node = nodes.get(r.id)!;
    const parent = r.parentId ? nodes.get(r.parentId) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}

export type AccessLogOptions = { routes: ServerBuild["routes"]; trustProxy: boolean; sessionCookie: string };

// Described paths are kept for the next request to the same address (a cached page, a health
// check); bounded, and emptied when full, so odd addresses cannot grow it.
const DESCRIBED_PATHS_KEPT = 2_000;

type Described = { routeId: string; path: string };

export function accessLog({ routes, trustProxy, sessionCookie }: AccessLogOptions) {
  const tree = routeTree(routes);
  const described = new Map<string, Described>();

  /** The Remix route that answers a path, and the path with secret parameters masked. */
  function resolve(path: string): Described {
    if (path === "/__manifest") return { routeId: "remix:manifest", path };
    const pagePath = path.endsWith(".data") ? path.slice(0, -5).replace(/^\/_root$/, "/") : path;
    const matches = router.matchRoutes(tree as RemixRouter.AgnosticRouteObject[], pagePath);
    const last = matches?.at(-1);
    if (!last) return { routeId: "unmatched", path: scrub(path) };
    let masked = path;
    for (const [name, value] of Object.entries(last.params)) {
      if (value && SECRET_PARAMS.has(name))
        masked = masked
          .split(`/${encodeURIComponent(value)}`)
          .join(`/:${name}`)
          .split(`/${value}`)
          .join(`/:${name}`);
    }
    return { routeId: (last.route as RouteNode).id, path: scrub(masked) };
  }

  function describe(req: Request, res: Response, ctx: RequestContext): Described {
    const path = req.originalUrl.split("?")[0];
    if (ctx.routeId) {
      // A fast route or a Remix route named itself: its path is scrubbed once, then kept.
      const known = described.get(path);
      if (known?.routeId === ctx.routeId) return known;
      return remember(path, { routeId: ctx.routeId, path: scrub(path) });
    }
    // Single fetch's "/path.data" is a page's data, not a file.
    if ((path.startsWith("/build/") || (FILE_LIKE.test(path) && !path.endsWith(".data"))) && res.statusCode < 400) return { routeId: "static", path: scrub(path) };
    return described.get(path) ?? remember(path, resolve(path));
  }

  function remember(path: string, out: Described): Described {
    if (described.size >= DESCRIBED_PATHS_KEPT) described.clear();
    described.set(path, out);
    return out;
  }

  // What a response's listeners need, kept on the response: the listeners are shared by every
  // request, so nothing is allocated for them per request. The request itself is reached
  // through `res.req`: a second reference to it from here cost about 20 µs of CPU per request
  // (more garbage collection; docs/performance.md, "Issue 13, session 8").
  type Pending = { ctx: RequestContext; start: bigint; ended: boolean };
  const PENDING = Symbol("accessLog");
  type Tracked = Response & { [PENDING]?: Pending };

  function end(res: Tracked, finished: boolean) {
    const pending = res[PENDING];
    if (!pending || pending.ended) return;
    pending.ended = true;
    const { ctx, start } = pending;
    const req = res.req;
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const { routeId, path } = describe(req, res, ctx);
    observeRequest(routeId, req.method, res.statusCode, seconds);
    // 5xx lines are warnings: the error itself is logged once, at level error, where it happened.
    const level = res.statusCode >= 500 ? "warn" : "info";
    const log = logger();
    if (!log.isLevelEnabled(level)) return;
    const role = ctx.role ?? ((req.headers.cookie ?? "").includes(`${sessionCookie}=`) ? "signed-in" : "anonymous");
    const line: Record<string, unknown> = { reqId: ctx.requestId, method: req.method, path, routeId, status: res.statusCode, durationMs: Math.round(seconds * 1000), role };
    if (!finished) line.aborted = true;
    log[level](line, "request");
  }
  // A response emits "close" once it is done, after "finish" when the answer went out, or alone
  // when the client went away first ("aborted"): one listener sees both.
  function onClose(this: Tracked) {
    end(this, this.writableFinished);
  }

  return (req: Request, res: Response, next: NextFunction) => {
    const start = process.hrtime.bigint();
    const incoming = trustProxy ? req.get("x-request-id") : undefined;
    const ctx: RequestContext = { requestId: incoming && INCOMING_ID.test(incoming) ? incoming : randomUUID() };
    res.setHeader("X-Request-Id", ctx.requestId);
    (res as Tracked)[PENDING] = { ctx, start, ended: false };
    // Fires once per response; `on` spares the wrapper `once` allocates.
    res.on("close", onClose);
    runWithRequestContext(ctx, next);
  };
}
