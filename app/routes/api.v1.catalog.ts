import { catalogAsJsonLd } from "~/modules/catalog/jsonld.server";
import { env } from "~/utils/env.server";
import { anyone, loaderOf } from "~/utils/kernel";

/** Open data: the service catalogue as JSON-LD (CPSV-AP, schema.org GovernmentService). */
export const loader = loaderOf({
  guard: anyone,
  run: async () =>
    new Response(JSON.stringify(await catalogAsJsonLd(env().PUBLIC_URL)), {
      headers: { "Content-Type": "application/ld+json; charset=utf-8", "Cache-Control": "public, max-age=0, s-maxage=300", "Access-Control-Allow-Origin": "*" },
    }),
});
