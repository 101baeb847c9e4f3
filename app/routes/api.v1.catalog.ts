import { catalogAsJsonLd } from "~/modules/catalog/jsonld.server";
import { linkedDataResponse, negotiate } from "~/modules/platform/linked-data.server";
import { env } from "~/utils/env.server";
import { anyone, loaderOf } from "~/utils/kernel";

/** Open data: the service catalogue (CPSV-AP 3.2.0, schema.org GovernmentService), as JSON-LD or Turtle. */
// No s-maxage: the shared page cache (app/server/page-cache.ts) does not key on Accept.
export const loader = loaderOf({
  guard: anyone,
  run: async ({ request }) =>
    linkedDataResponse(await catalogAsJsonLd(env().PUBLIC_URL), negotiate(request.headers.get("Accept"), "jsonld") === "turtle" ? "turtle" : "jsonld", {
      Vary: "Accept",
      "Cache-Control": "public, max-age=300",
    }),
});
