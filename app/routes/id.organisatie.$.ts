import { z } from "zod";
import { organisationAsJsonLd } from "~/modules/catalog/jsonld.server";
import { linkedDataResponse, negotiate } from "~/modules/platform/linked-data.server";
import { env } from "~/utils/env.server";
import { anyone, loaderOf } from "~/utils/kernel";

/** The city's URI: JSON-LD or Turtle for a machine, a 303 to the page about it for a person. */
export const loader = loaderOf({
  guard: anyone,
  // One organisation has a URI here: any other name is a 404.
  params: z.object({ "*": z.literal("stad-mechelen") }),
  run: ({ request }) => {
    const vary = { Vary: "Accept", "Cache-Control": "public, max-age=300" };
    const format = negotiate(request.headers.get("Accept"));
    if (format !== "html") return linkedDataResponse(organisationAsJsonLd(env().PUBLIC_URL), format, vary);
    return new Response(null, { status: 303, headers: { ...vary, Location: "/organisatie/stad-mechelen" } });
  },
});
