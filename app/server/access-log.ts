import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import type * as RemixRouter from "@remix-run/router";
import type { ServerBuild } from "@remix-run/node";
import type { NextFunction, Request, Response } from "express";
import { pinoHttp } from "pino-http";
import { logger, runWithRequestContext, scrub, type RequestContext } from "../modules/platform/logger.server";
import { observeRequest } from "./metrics";

/**
 * The access log (pino-http) and the request context, as the first middleware of the app:
 * one line per request with request id, method, path (never the query string), route id,
 * status, duration and role (what kind of user, never who), and the request duration
 * histogram of the metrics.
 *
 * The request id comes from `X-Request-Id` only behind a trusted proxy (TRUST_PROXY), and
 * only when it looks like an id; otherwise it is generated. It is returned in `X-Request-Id`.
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

export function accessLog({ routes, trustProxy, sessionCookie }: AccessLogOptions) {
  const tree = routeTree(routes);

  /** The Remix route that answers a path, and the path with secret parameters masked. */
  function resolve(path: string): { routeId: string; path: string } {
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

  const http = pinoHttp({
    logger: logger(),
    quietReqLogger: true,
    quietResLogger: true,
    wrapSerializers: false,
    customAttributeKeys: { reqId: "reqId", responseTime: "durationMs" },
    genReqId: (req) => (req as unknown as { observe: RequestContext }).observe.requestId,
    // 5xx lines are warnings: the error itself is logged once, at level error, where it happened.
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? "warn" : "info"),
    customSuccessMessage: () => "request",
    customErrorMessage: () => "request",
    customSuccessObject: (req, res, val: Record<string, unknown>) => lineFor(req as unknown as Request, res as unknown as Response, val),
    customErrorObject: (req, res, _err, val: Record<string, unknown>) => lineFor(req as unknown as Request, res as unknown as Response, val),
  });

  function describe(req: Request, res: Response) {
    const ctx = (req as unknown as { observe: RequestContext }).observe;
    const cached = (req as unknown as { observeResolved?: { routeId: string; path: string } }).observeResolved;
    if (cached) return cached;
    let out: { routeId: string; path: string };
    const path = req.originalUrl.split("?")[0];
    if (ctx.routeId) out = { routeId: ctx.routeId, path: scrub(path) };
    else if ((path.startsWith("/build/") || FILE_LIKE.test(path)) && res.statusCode < 400) out = { routeId: "static", path: scrub(path) };
    else out = resolve(path);
    (req as unknown as { observeResolved?: unknown }).observeResolved = out;
    return out;
  }

  function lineFor(req: Request, res: Response, val: Record<string, unknown>) {
    const ctx = (req as unknown as { observe: RequestContext }).observe;
    const { routeId, path } = describe(req, res);
    const role = ctx.role ?? ((req.headers.cookie ?? "").includes(`${sessionCookie}=`) ? "signed-in" : "anonymous");
    return { method: req.method, path, routeId, status: res.statusCode, durationMs: val.durationMs, role };
  }

  return (req: Request, res: Response, next: NextFunction) => {
    const start = process.hrtime.bigint();
    const incoming = trustProxy ? req.get("x-request-id") : undefined;
    const ctx: RequestContext = { requestId: incoming && INCOMING_ID.test(incoming) ? incoming : randomUUID() };
    (req as unknown as { observe: RequestContext }).observe = ctx;
    res.setHeader("X-Request-Id", ctx.requestId);
    res.once("finish", () => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      observeRequest(describe(req, res).routeId, req.method, res.statusCode, seconds);
    });
    runWithRequestContext(ctx, () => http(req, res, next));
  };
}
