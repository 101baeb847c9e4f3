import { createRequire } from "node:module";
import path from "node:path";

/**
 * Builds the route trees of a server-side render once per process instead of on every page.
 *
 * Why: for every document, `RemixServer` rebuilds the whole route tree from the manifest
 * (`createServerRoutes`, all 80-odd routes), and React Router's `createStaticRouter` converts that
 * tree into "data routes" (`convertRoutesToDataRoutes`, the same again). Both are pure functions
 * of the build, yet cost about 5 % of a page's CPU; and because the trees were new objects
 * every time, the `matchRoutes` memo (memo-match-routes.ts) had to recompute their shape on
 * every call (another 2-3 %). With stable trees it finds the shape by object identity.
 *
 * How: like the `matchRoutes` memo, by replacing the functions on the CommonJS exports objects
 * through which the callers reach them at call time (`@remix-run/react/dist/routes.js`, used by
 * `RemixServer`; `@remix-run/router`, used by `react-router-dom/server`). The trees are only read
 * during rendering, so requests can share them. A cached tree is reused only for the very same
 * manifest, the same route modules and the same options; anything else goes to the original.
 * If an upgrade of `@remix-run/*` stops calling through these exports, the memo silently stops
 * applying; pages render the same either way (all HTTP tests render through it).
 */

type AnyFn = (...args: never[]) => unknown;
const MEMO = Symbol.for("mechelaar.memoRouteTrees");

/**
 * How often each installed memo was called in this process (the unit tests' own memos count too).
 * tests/integration/http/router-patches.test.ts renders a page and fails when either stays 0: then the
 * callers no longer reach these exports (e.g. after an upgrade) and the patch has silently stopped applying.
 */
export const routeTreeMemoUse = { createServerRoutes: 0, convertRoutesToDataRoutes: 0 };

type RemixRoutes = { createServerRoutes: AnyFn & { [MEMO]?: true } };
type Router = { UNSAFE_convertRoutesToDataRoutes: AnyFn & { [MEMO]?: true } };

function sameModules(a: Record<string, unknown>, b: Record<string, unknown>) {
  const keys = Object.keys(b);
  if (keys.length !== Object.keys(a).length) return false;
  for (const k of keys) if (a[k] !== b[k]) return false;
  return true;
}

export function memoiseCreateServerRoutes(original: (manifest: object, routeModules: Record<string, unknown>, future: unknown, isSpaMode: unknown, ...rest: unknown[]) => unknown) {
  let last: { manifest: object; modules: Record<string, unknown>; future: unknown; isSpaMode: unknown; routes: unknown } | undefined;
  const memo = (manifest: object, routeModules: Record<string, unknown>, future: unknown, isSpaMode: unknown, ...rest: unknown[]) => {
    // Only the top-level call (RemixServer's); the recursion inside stays in the original.
    if (rest.length) return original(manifest, routeModules, future, isSpaMode, ...rest);
    routeTreeMemoUse.createServerRoutes++;
    if (last && last.manifest === manifest && last.future === future && last.isSpaMode === isSpaMode && sameModules(last.modules, routeModules)) return last.routes;
    const routes = original(manifest, routeModules, future, isSpaMode);
    last = { manifest, modules: { ...routeModules }, future, isSpaMode, routes };
    return routes;
  };
  return Object.assign(memo, { [MEMO]: true as const });
}

export function memoiseConvertRoutes(original: (routes: object, mapRouteProperties: unknown, parentPath?: unknown[], manifest?: Record<string, unknown>) => unknown) {
  const converted = new WeakMap<object, { mapRouteProperties: unknown; dataRoutes: unknown; manifest: Record<string, unknown> }>();
  const memo = (routes: object, mapRouteProperties: unknown, parentPath?: unknown[], manifest: Record<string, unknown> = {}) => {
    if (parentPath?.length) return original(routes, mapRouteProperties, parentPath, manifest);
    routeTreeMemoUse.convertRoutesToDataRoutes++;
    const hit = converted.get(routes);
    if (hit && hit.mapRouteProperties === mapRouteProperties) {
      // The caller looks its matches up in the manifest it passed: fill it as the original would.
      Object.assign(manifest, hit.manifest);
      return hit.dataRoutes;
    }
    const own: Record<string, unknown> = {};
    const dataRoutes = original(routes, mapRouteProperties, parentPath, own);
    converted.set(routes, { mapRouteProperties, dataRoutes, manifest: own });
    Object.assign(manifest, own);
    return dataRoutes;
  };
  return Object.assign(memo, { [MEMO]: true as const });
}

/** Installs both memos on the one copy of each module the server loads. */
export function installRouteTreeMemo() {
  const require = createRequire(import.meta.url);
  const remixRoutes = require(path.join(path.dirname(require.resolve("@remix-run/react")), "routes.js")) as RemixRoutes;
  if (!remixRoutes.createServerRoutes[MEMO]) remixRoutes.createServerRoutes = memoiseCreateServerRoutes(remixRoutes.createServerRoutes as never) as never;
  const router = require("@remix-run/router") as Router;
  if (!router.UNSAFE_convertRoutesToDataRoutes[MEMO]) router.UNSAFE_convertRoutesToDataRoutes = memoiseConvertRoutes(router.UNSAFE_convertRoutesToDataRoutes as never) as never;
}
