import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import { SESSION_COOKIE } from "../modules/identity/session-cookie";
import { ENTRANCE_VISIT_COOKIE } from "../modules/access/visit-cookie";
import { env } from "../utils/env.server";
import { accessLog } from "./access-log";
import { installMatchRoutesMemo } from "./memo-match-routes";
import { installRouteTreeMemo } from "./memo-route-trees";
import { PAGE_CACHE_CLEARED_BY, pageCache } from "./page-cache";
import { unknownFilesNotFound } from "./unknown-files";
import { finalErrorHandler, showsErrorDetails } from "./error-handler";
import { formBodiesOnly, inputGuards } from "./input-guards";
import { securityHeaders } from "./security-headers";
import type { FastRoutes } from "./fast-routes";
import express, { type NextFunction, type Request, type Response } from "express";

export type HttpAppOptions = { build: ServerBuild; publicDir: string; assetsDir: string; publicUrl: string; trustProxy: boolean; mode: string };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The plain Express routes in front of Remix (fast-routes.ts), listed once for the app and the route fuzz test. */
export const PLAIN_ROUTES = {
  health: { method: "GET", path: "/healthz" },
  ready: { method: "GET", path: "/readyz" },
  kioskScan: { method: "POST", path: "/kiosk/scan" },
  kioskOfflineBundle: { method: "GET", path: "/kiosk/offline/bundle" },
  kioskOfflineSync: { method: "POST", path: "/kiosk/offline/sync" },
  knowledgeSearch: { method: "GET", path: "/api/v1/knowledge/search" },
} as const;

/**
 * Refuses state-changing requests that come from another site. Browsers send `Origin` on
 * every cross-site POST; we require it (or a Referer) to match this site.
 */
export function sameOriginOnly(publicUrl: string) {
  const configured = new URL(publicUrl).origin;
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const own = `${req.protocol}://${req.get("host")}`;
    let origin = req.get("origin");
    if (!origin || origin === "null") {
      const referer = req.get("referer");
      try {
        origin = referer ? new URL(referer).origin : undefined;
      } catch {
        origin = undefined;
      }
    }
    if (origin && (origin === own || origin === configured)) return next();
    res.status(403).type("text/plain; charset=utf-8").send("Forbidden: this request did not come from this site.");
  };
}

export function createHttpApp(opts: HttpAppOptions) {
  // Route matching answers from a cache (see memo-match-routes.ts); installed once per process.
  // Each patch of Remix internals has its own switch (decision 013); tests/integration/http/router-patches.test.ts
  // fails when an installed patch no longer applies.
  if (env().MEMO_MATCH_ROUTES) installMatchRoutesMemo();
  // RemixServer's route trees are built once, not per page (see memo-route-trees.ts).
  if (env().MEMO_ROUTE_TREES) installRouteTreeMemo();
  const app = express();
  app.disable("x-powered-by");
  if (opts.trustProxy) app.set("trust proxy", true);
  // Request id, access log line and request metrics for every request (access-log.ts).
  app.use(accessLog({ routes: opts.build.routes, trustProxy: opts.trustProxy, sessionCookie: SESSION_COOKIE }));
  app.use(securityHeaders({ production: opts.mode === "production" }));
  // Bad paths, queries and oversized or unreadable bodies are refused before any route (see input-guards.ts).
  app.use(inputGuards());
  // The hot JSON endpoints skip Remix (see fast-routes.ts). Tiny answers skip compression too.
  const fast = (opts.build.entry.module as { fastRoutes?: FastRoutes }).fastRoutes;
  if (!fast) throw new Error("The server build does not export fastRoutes: rebuild with `npm run build`.");
  app.get(PLAIN_ROUTES.health.path, fast.health);
  app.get(PLAIN_ROUTES.ready.path, fast.ready);
  app.post(PLAIN_ROUTES.kioskScan.path, sameOriginOnly(opts.publicUrl), fast.kioskScan);
  app.post(PLAIN_ROUTES.kioskOfflineSync.path, sameOriginOnly(opts.publicUrl), fast.kioskOfflineSync);
  app.get(PLAIN_ROUTES.kioskOfflineBundle.path, fast.kioskOfflineBundle);
  app.use(compression());
  app.get(PLAIN_ROUTES.knowledgeSearch.path, fast.knowledgeSearch);
  // Before the static folders: a cached page then costs no file-system lookups.
  const pages = pageCache({ sessionCookie: SESSION_COOKIE, privateCookies: [ENTRANCE_VISIT_COOKIE] });
  const { registerCache } = opts.build.entry.module as { registerCache?: (name: string, clear: () => void) => void };
  for (const name of PAGE_CACHE_CLEARED_BY) registerCache?.(name, pages.clear);
  app.use(pages);
  // Fingerprinted assets never change; everything else in public/ may.
  app.use("/build", express.static(opts.assetsDir, { immutable: true, maxAge: "1y" }));
  // Page addresses have no file extension: only those that look like a file cost a file-system lookup.
  const publicFiles = express.static(opts.publicDir, { maxAge: "1h" });
  app.use((req, res, next) => (/\.[^/]*$/.test(req.path) ? publicFiles(req, res, next) : next()));
  // A file-like address that is neither in public/ nor a resource route: a small 404, no page render.
  app.use(unknownFilesNotFound(opts.build));
  app.use(sameOriginOnly(opts.publicUrl));
  app.use(formBodiesOnly());
  // Remix shows error details only in "development" mode: only to a browser on this machine (error-handler.ts).
  const remix = (mode: string) =>
    createRequestHandler({
      build: opts.build,
      mode,
      getLoadContext: (req, res) => ({ clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown", cspNonce: res.locals.cspNonce as string }),
    });
  const remixPublic = remix(opts.mode === "development" ? "production" : opts.mode);
  const remixLocal = opts.mode === "development" ? remix("development") : remixPublic;
  // Remix's handler passes its own errors to next(): nothing to await here.
  app.all("*", (req, res, next) => void (showsErrorDetails(opts.mode, req) ? remixLocal : remixPublic)(req, res, next));
  app.use(finalErrorHandler(opts.mode));
  return app;
}
