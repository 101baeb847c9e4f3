import { createRequire } from "node:module";
import path from "node:path";
import * as router from "@remix-run/router";
import { describe, expect, it } from "vitest";
import { memoiseMatchRoutes } from "~/server/memo-match-routes";

/**
 * The memoised matchRoutes must answer exactly as the router does, for every route of the app.
 * The route tree is the one the Remix compiler makes from app/routes (flat routes).
 */
type Route = router.AgnosticRouteObject & { id: string };
type ManifestRoute = { id: string; parentId?: string; path?: string; index?: boolean; caseSensitive?: boolean };
const require_ = createRequire(import.meta.url);
const { flatRoutes } = require_("@remix-run/dev/dist/config/flat-routes.js") as {
  flatRoutes: (appDir: string, ignored?: string[]) => Record<string, ManifestRoute>;
};

/** A fresh tree of fresh objects each time, as RemixServer builds one per render. */
const manifest: Record<string, ManifestRoute> = { root: { id: "root", path: "" }, ...flatRoutes(path.resolve("app"), ["**/.*", "**/*.test.*"]) };
function routeTree(): Route[] {
  const build = (parentId?: string): Route[] =>
    Object.values(manifest)
      .filter((r) => r.parentId === parentId)
      .map((r) =>
        r.index ? { id: r.id, path: r.path, index: true, caseSensitive: r.caseSensitive } : { id: r.id, path: r.path, caseSensitive: r.caseSensitive, children: build(r.id) },
      );
  return build(undefined);
}

/** Every route's full path with its params filled in, its parents, and addresses no route has. */
function allPaths(tree: Route[]): string[] {
  const out = new Set<string>(["/", "", "/nergens", "/mijn/dossiers/", "/MIJN/DOSSIERS", "/werk/bewoners/x/y/z", "/a%20b", "/werk//dossiers"]);
  const walk = (routes: Route[], prefix: string) => {
    for (const r of routes) {
      const own = (r.path ?? "")
        .split("/")
        .map((s) => (s === "*" ? "een/twee" : s.startsWith(":") ? (s.endsWith("?") ? "opt" : "0b8e2c4e-3f57-4a8e-9f3c-2d1f5b6a7c8d") : s))
        .join("/");
      const full = `${prefix}/${own}`.replace(/\/+/g, "/");
      out.add(full);
      out.add(`${full}/`);
      out.add(`${full}?q=1#x`);
      out.add(`${full}/onbekend`);
      if (r.children) walk(r.children as Route[], full);
    }
  };
  walk(tree, "");
  return [...out];
}

describe("memoised matchRoutes", () => {
  const memo = memoiseMatchRoutes(router);
  const paths = allPaths(routeTree());

  it("covers the app's routes", () => {
    expect(paths.length).toBeGreaterThan(200);
  });

  for (const basename of ["/", "/portaal"]) {
    it(`answers as the router does for every route path (basename ${basename}), first and cached`, () => {
      for (let round = 0; round < 2; round++) {
        for (const p of paths) {
          const location = basename === "/" ? p : `/portaal${p}`;
          const treeA = routeTree();
          const treeB = routeTree();
          const expected = router.matchRoutes(treeA, location, basename);
          const got = memo(treeB, location, basename);
          const asObject = memo(treeB, { pathname: router.parsePath(location).pathname }, basename);
          // Same shape and values; routes are the caller's own objects (treeB), found by position.
          const sameIds = (ms: typeof got) => ms?.map((m) => ({ ...m, route: m.route.id }));
          expect(sameIds(got), location).toEqual(sameIds(expected));
          expect(sameIds(asObject), location).toEqual(sameIds(expected));
          const direct = router.matchRoutes(treeB, location, basename);
          got?.forEach((m, i) => expect(m.route).toBe(direct![i].route));
        }
      }
    });
  }

  it("hands out fresh match and params objects", () => {
    const tree = routeTree();
    const a = memo(tree, "/werk/bewoners/0b8e2c4e-3f57-4a8e-9f3c-2d1f5b6a7c8d");
    const b = memo(tree, "/werk/bewoners/0b8e2c4e-3f57-4a8e-9f3c-2d1f5b6a7c8d");
    expect(a?.length).toBeGreaterThan(1);
    expect(a![a!.length - 1].params.id).toBe("0b8e2c4e-3f57-4a8e-9f3c-2d1f5b6a7c8d");
    (a![a!.length - 1].params as Record<string, string>).id = "changed";
    expect(b![b!.length - 1].params.id).toBe("0b8e2c4e-3f57-4a8e-9f3c-2d1f5b6a7c8d");
    expect(a![0]).not.toBe(b![0]);
  });

  it("leaves trees without route ids to the router", () => {
    const plain = [{ path: "/a/:x" }];
    expect(memo(plain as never, "/a/1")).toEqual(router.matchRoutes(plain, "/a/1"));
  });
});

/**
 * The patch of the router's static handler (scripts/patches/@remix-run+router+*.patch, decision 013):
 * with the switch on, the handler matches against branches it flattened and ranked once and
 * reuses compiled patterns; every request must get the matches it gets with the switch off.
 */
describe("the patched static handler", () => {
  const cjsRouter = require_("@remix-run/router") as typeof router;
  const SWITCH = Symbol.for("mechelaar.routerMemo");
  const global_ = globalThis as { [SWITCH]?: { staticMatches: number; compiledPathHits: number } };
  const paths = allPaths(routeTree());

  async function answers(on: boolean, basename: string) {
    const saved = global_[SWITCH];
    global_[SWITCH] = on ? { staticMatches: 0, compiledPathHits: 0 } : undefined;
    try {
      const handler = cjsRouter.createStaticHandler(routeTree(), { basename });
      const out: unknown[] = [];
      for (const p of paths) {
        const location = basename === "/" ? p : `/portaal${p}`;
        const context = await handler.query(new Request(`http://localhost${location.startsWith("/") ? location : `/${location}`}`));
        if (context instanceof Response) out.push({ location, status: context.status });
        else
          out.push({
            location,
            status: context.statusCode,
            matches: context.matches.map((m) => ({ id: m.route.id, params: m.params, pathname: m.pathname, base: m.pathnameBase })),
          });
      }
      return { out, use: global_[SWITCH] };
    } finally {
      global_[SWITCH] = saved;
    }
  }

  for (const basename of ["/", "/portaal"]) {
    it(`answers every route path as the unpatched handler does (basename ${basename})`, async () => {
      const off = await answers(false, basename);
      const on = await answers(true, basename);
      expect(on.out).toEqual(off.out);
      // The patched code ran: every request matched through it, and patterns were reused.
      expect(on.use?.staticMatches).toBe(paths.length);
      expect(on.use?.compiledPathHits).toBeGreaterThan(paths.length);
      // Real matches were compared, with params: not a list of errors.
      const withParams = off.out.filter((a) => (a as { matches?: { params: object }[] }).matches?.some((m) => Object.keys(m.params).length > 0));
      expect(withParams.length).toBeGreaterThan(paths.length / 4);
    });
  }
});
