import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { memoiseConvertRoutes, memoiseCreateServerRoutes } from "../../../app/server/memo-route-trees";

const require = createRequire(import.meta.url);
const router = require("@remix-run/router") as { UNSAFE_convertRoutesToDataRoutes: (...a: never[]) => unknown };

describe("the route-tree memos", () => {
  it("build RemixServer's tree once for the same build, and again when anything differs", () => {
    let calls = 0;
    const create = memoiseCreateServerRoutes(() => ({ built: ++calls }));
    const manifest = { root: {} };
    const future = {};
    const modules = { root: { default: () => null } };
    const a = create(manifest, modules, future, false);
    expect(create(manifest, { ...modules }, future, false)).toBe(a);
    const before = calls;
    expect(create(manifest, { root: { default: () => null } }, future, false)).not.toBe(a);
    expect(create({ root: {} }, modules, future, false)).not.toBe(a);
    expect(create(manifest, modules, future, true)).not.toBe(a);
    expect(calls).toBe(before + 3);
    // The recursive calls inside the original (with a parent id) are never cached.
    create(manifest, modules, future, false, "root");
    create(manifest, modules, future, false, "root");
    expect(calls).toBe(before + 5);
  });

  it("converts a tree to data routes once and fills the caller's manifest every time", () => {
    const convert = memoiseConvertRoutes(router.UNSAFE_convertRoutesToDataRoutes as never);
    const routes = [{ id: "root", path: "/", children: [{ id: "routes/a", path: "a" }] }];
    const map = () => ({});
    const m1: Record<string, unknown> = {};
    const d1 = convert(routes, map, undefined, m1) as { id: string; children: { id: string }[] }[];
    const m2: Record<string, unknown> = {};
    const d2 = convert(routes, map, undefined, m2);
    expect(d2).toBe(d1);
    expect(Object.keys(m2).sort()).toEqual(["root", "routes/a"]);
    expect(m2["routes/a"]).toBe(d1[0].children[0]);
    // Same answer as the router's own function.
    const fresh = router.UNSAFE_convertRoutesToDataRoutes(routes as never, map as never) as unknown[];
    expect(JSON.parse(JSON.stringify(d1))).toEqual(JSON.parse(JSON.stringify(fresh)));
    // Another mapRouteProperties, or another tree: converted anew.
    expect(convert(routes, () => ({}), undefined, {})).not.toBe(d1);
    expect(convert([...routes], map, undefined, {})).not.toBe(d1);
  });
});
