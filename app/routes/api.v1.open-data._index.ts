import { openDataCatalog } from "~/modules/insights/opendata.server";
import { env } from "~/utils/env.server";
import { anyone, loaderOf } from "~/utils/kernel";

/** Open data: the DCAT-AP catalogue of the public figures, in JSON-LD. */
export const loader = loaderOf({
  guard: anyone,
  run: async () =>
    new Response(JSON.stringify(await openDataCatalog(env().PUBLIC_URL)), {
      headers: { "Content-Type": "application/ld+json; charset=utf-8", "Cache-Control": "public, max-age=0, s-maxage=300", "Access-Control-Allow-Origin": "*" },
    }),
});
