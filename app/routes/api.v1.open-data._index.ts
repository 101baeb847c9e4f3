import { openDataCatalog } from "~/modules/insights/opendata.server";
import { linkedDataResponse, negotiate } from "~/modules/platform/linked-data.server";
import { env } from "~/utils/env.server";
import { anyone, loaderOf } from "~/utils/kernel";

/** Open data: the DCAT-AP 3.0.1 catalogue of the public figures, as JSON-LD or Turtle. */
// No s-maxage: the shared page cache (app/server/page-cache.ts) does not key on Accept.
export const loader = loaderOf({
  guard: anyone,
  run: async ({ request }) =>
    linkedDataResponse(await openDataCatalog(env().PUBLIC_URL), negotiate(request.headers.get("Accept"), "jsonld") === "turtle" ? "turtle" : "jsonld", {
      Vary: "Accept",
      "Cache-Control": "public, max-age=300",
    }),
});
