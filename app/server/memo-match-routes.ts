import { createRequire } from "node:module";
import type * as RemixRouter from "@remix-run/router";

/**
 * Memoises `matchRoutes` of `@remix-run/router` for the whole process.
 *
 * Why: every call flattens the route tree, ranks every branch and compiles every route's
 * pattern into a RegExp before it looks at the URL. Remix calls it several times per page view
 * (the server's route matching, the fog-of-war manifest for each parent path, React Router's
 * render), which was about a fifth of the CPU a rendered page costs. The route tree never
 * changes in a running server, so the answer for a pathname never changes either.
 *
 * How: Remix server-runtime (`routeMatching.js`), `@remix-run/react` (`fog-of-war.js`) and
 * React Router (`useRoutes`) all call `matchRoutes` through the CommonJS exports object of
 * `@remix-run/router` at call time, so replacing that export once at start applies to them.
 * (The router's own static handler calls its internal copy and is unaffected.)
 *
 * RemixServer builds a new route tree for every render, so the cache cannot be keyed by the
 * tree's identity. It is keyed by the tree's *shape*: for each route its id, path, index and
 * caseSensitive flag, which is everything matching reads. A cached answer records each match as
 * the position of its route in the tree, and is rebuilt against the tree of the current call, so
 * callers get their own route objects, and fresh match and params objects they may change.
 * Trees whose routes lack ids (not Remix's) go to the original function.
 * Bounded: at most MAX_ENTRIES pathnames per shape (least recently used dropped), since URLs
 * carry ids. Identical results are verified by tests/unit/platform/memo-match-routes.test.ts.
 */

type Router = typeof RemixRouter;
type Route = { id?: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: Route[] };
type Cached = { params: Record<string, string | undefined>; pathname: string; pathnameBase: string; at: number[] }[] | null;

const MAX_ENTRIES = 2000;
const MEMO = Symbol.for("mechelaar.memoMatchRoutes");

/**
 * How often the installed memo was called in this process. tests/integration/http/router-patches.test.ts
 * renders pages and fails when this stays 0: then Remix no longer calls `matchRoutes` through the
 * exports object (e.g. after an upgrade) and the patch has silently stopped applying.
 */
export const matchRoutesMemoUse = { calls: 0 };

/** The shape of a route tree as a string, or undefined when a route has no id. */
function shapeOf(routes: Route[]): string | undefined {
  let out = "";
  for (const r of routes) {
    if (typeof r.id !== "string") return undefined;
    out += `${JSON.stringify([r.id, r.path ?? null, !!r.index, !!r.caseSensitive])}`;
    if (r.children?.length) {
      const inner = shapeOf(r.children);
      if (inner === undefined) return undefined;
      out += `[${inner}]`;
    }
  }
  return out;
}

/** Where each route object sits in its tree: a path of child indexes. */
function positions(routes: Route[], prefix: number[] = [], into = new Map<Route, number[]>()) {
  routes.forEach((r, i) => {
    const at = [...prefix, i];
    into.set(r, at);
    if (r.children) positions(r.children, at, into);
  });
  return into;
}

function routeAt(routes: Route[], at: number[]): Route {
  let list = routes;
  let route = list[at[0]];
  for (let i = 1; i < at.length; i++) {
    list = route.children!;
    route = list[at[i]];
  }
  return route;
}

export function memoiseMatchRoutes(router: Router) {
  const original = router.matchRoutes as Router["matchRoutes"] & { [MEMO]?: true };
  if (original[MEMO]) return original;
  const shapes = new WeakMap<object, string | null>();
  const caches = new Map<string, Map<string, Cached>>();

  const memo = ((routes: Route[], locationArg: string | Partial<RemixRouter.Location>, basename = "/") => {
    matchRoutesMemoUse.calls++;
    let shape = shapes.get(routes);
    if (shape === undefined) {
      shape = shapeOf(routes) ?? null;
      shapes.set(routes, shape);
    }
    if (shape === null) return original(routes as never, locationArg, basename);
    const pathname = (typeof locationArg === "string" ? router.parsePath(locationArg) : locationArg).pathname || "/";
    let cache = caches.get(shape);
    if (!cache) caches.set(shape, (cache = new Map()));
    const key = `${basename}\u0000${pathname}`;
    let hit = cache.get(key);
    if (hit === undefined) {
      const found = original(routes as never, { pathname }, basename);
      if (found) {
        const where = positions(routes);
        hit = found.map((m) => ({ params: m.params, pathname: m.pathname, pathnameBase: m.pathnameBase, at: where.get(m.route as Route)! }));
      } else hit = null;
      if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
      cache.set(key, hit);
    } else {
      // Least recently used goes first: move this one to the end.
      cache.delete(key);
      cache.set(key, hit);
    }
    if (!hit) return null;
    // The router gives all matches of one answer the same params object: so do we, a fresh one.
    const copies = new Map<object, Record<string, string | undefined>>();
    const copy = (p: Record<string, string | undefined>) => copies.get(p) ?? copies.set(p, { ...p }).get(p)!;
    return hit.map((m) => ({ params: copy(m.params), pathname: m.pathname, pathnameBase: m.pathnameBase, route: routeAt(routes, m.at) }));
  }) as Router["matchRoutes"] & { [MEMO]?: true };
  memo[MEMO] = true;
  return memo;
}

/**
 * The switch and counters of the router's own part of this memo, which no export reaches:
 * the static handler, which matches every document and data request, calls its internal
 * `matchRoutes`, flattening, ranking and compiling every route again each time (about a sixth
 * of a rendered page's CPU). `scripts/patches/@remix-run+router+<version>.patch` (applied by
 * patch-package on every `npm install`; the install fails when it no longer applies) makes it
 * match against branches flattened and ranked once, and keeps compiled route patterns, while
 * this object is set on `globalThis`. The counters show that the patched code runs
 * (tests/integration/http/router-patches.test.ts).
 */
export type RouterMemoSwitch = { staticMatches: number; compiledPathHits: number };
const ROUTER_MEMO = Symbol.for("mechelaar.routerMemo");

/** The router's counters, or undefined when its memo is off. */
export function routerMemoUse(): RouterMemoSwitch | undefined {
  return (globalThis as { [ROUTER_MEMO]?: RouterMemoSwitch })[ROUTER_MEMO];
}

/** Installs the memoised function on the one copy of `@remix-run/router` the server loads, and turns on the router's own memo. */
export function installMatchRoutesMemo() {
  const router = createRequire(import.meta.url)("@remix-run/router") as Router & { matchRoutes: Router["matchRoutes"] };
  router.matchRoutes = memoiseMatchRoutes(router);
  (globalThis as { [ROUTER_MEMO]?: RouterMemoSwitch })[ROUTER_MEMO] ??= { staticMatches: 0, compiledPathHits: 0 };
}
