import { createRequire } from "node:module";
import type * as RemixRouter from "@remix-run/router";
import type { ServerBuild } from "@remix-run/node";
import type { NextFunction, Request, Response } from "express";

type Route = { id: string; path?: string; index?: boolean; caseSensitive?: boolean; children: Route[] };

/**
 * An address that looks like a file (its last part has an extension) and is not in public/
 * gets a small plain 404, not a rendered page: scanners and old links asking for
 * /wp-login.php or /apple-touch-icon.png then cost nothing. Addresses with an extension that a
 * resource route answers (/sitemap.xml, /robots.txt, /mijn/gegevens.json, open-data files)
 * still reach Remix, and so do pages whose parameter may hold a dot and that say so with
 * `handle.dottedParams` (the signed token in /tevredenheid/$token). Any other match that would
 * end in a page (the catch-all 404 page, /mikipedia/$slug) is answered here.
 */
export function unknownFilesNotFound(build: ServerBuild) {
  const byId = new Map<string, Route>();
  for (const r of Object.values(build.routes)) byId.set(r.id, { id: r.id, path: r.path, index: r.index, caseSensitive: r.caseSensitive, children: [] });
  const roots: Route[] = [];
  for (const r of Object.values(build.routes)) (r.parentId ? byId.get(r.parentId)!.children : roots).push(byId.get(r.id)!);
  const router = createRequire(import.meta.url)("@remix-run/router") as typeof RemixRouter;

  return (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== "GET" && req.method !== "HEAD") || !/\.[^/]*$/.test(req.path)) return next();
    // Remix's own data requests (single fetch: "/path.data", "/_root.data") are not files.
    if (req.path.endsWith(".data")) return next();
    const matches = router.matchRoutes(roots as RemixRouter.AgnosticRouteObject[], req.path);
    const leaf = matches?.[matches.length - 1]?.route as Route | undefined;
    const module = leaf ? (build.routes[leaf.id].module as { default?: unknown; handle?: { dottedParams?: boolean } }) : undefined;
    if (module && (!module.default || module.handle?.dottedParams)) return next();
    res.status(404).set({ "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=300" }).send("Not found\n");
  };
}
