import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { matchRoutesMemoUse, routerMemoUse } from "../../../app/server/memo-match-routes";
import { routeTreeMemoUse } from "../../../app/server/memo-route-trees";
import { startTestServer } from "../../setup/http-server";

/**
 * The two patches of Remix internals (decision 013) replace exports of @remix-run/router and
 * @remix-run/react at start. They only apply while Remix calls those functions through the
 * exports objects; after an upgrade that stops doing so, pages still render, only slower.
 * This test fails then: it renders real pages and checks that every installed memo was reached.
 */
let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("the router patches (MEMO_MATCH_ROUTES, MEMO_ROUTE_TREES on by default)", () => {
  it("are reached when Remix matches and renders a page", async () => {
    const matchBefore = matchRoutesMemoUse.calls;
    const routerBefore = { ...routerMemoUse() };
    const treesBefore = { ...routeTreeMemoUse };
    // Rendered documents (not from the page cache: each address once, and a signed-out form page).
    for (const page of ["/aanmelden", "/privacy"]) {
      const res = await server.get(page, { "Accept-Language": "nl" });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("<html");
    }
    expect(matchRoutesMemoUse.calls, "Remix no longer calls matchRoutes through @remix-run/router's exports").toBeGreaterThan(matchBefore);
    // The patch applied by patch-package to @remix-run/router's static handler (decision 013).
    expect(routerMemoUse()?.staticMatches, "the static handler no longer runs the patched matching (scripts/patches/@remix-run+router+*.patch)").toBeGreaterThan(
      routerBefore.staticMatches ?? 0,
    );
    expect(routerMemoUse()?.compiledPathHits, "route patterns are no longer kept once compiled").toBeGreaterThan(routerBefore.compiledPathHits ?? 0);
    expect(routeTreeMemoUse.createServerRoutes, "RemixServer no longer calls createServerRoutes through routes.js's exports").toBeGreaterThan(treesBefore.createServerRoutes);
    expect(routeTreeMemoUse.convertRoutesToDataRoutes, "createStaticRouter no longer calls convertRoutesToDataRoutes through @remix-run/router's exports").toBeGreaterThan(
      treesBefore.convertRoutesToDataRoutes,
    );
  });
});
