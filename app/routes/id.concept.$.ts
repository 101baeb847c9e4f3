import { z } from "zod";
import { conceptPagePath, isConceptScheme } from "~/modules/catalog/concepts.server";
import { conceptAsJsonLd } from "~/modules/catalog/jsonld.server";
import { linkedDataResponse, negotiate } from "~/modules/platform/linked-data.server";
import { env } from "~/utils/env.server";
import { anyone, httpError, loaderOf } from "~/utils/kernel";

/**
 * The city's concept schemes (/id/concept/<scheme>) and concepts (/id/concept/<scheme>/<code>):
 * JSON-LD or Turtle for a machine, a 303 to the matching page for a person.
 */
export const loader = loaderOf({
  guard: anyone,
  // "<scheme>" or "<scheme>/<code>"; anything else is a 404.
  params: z.object({ "*": z.string().regex(/^[a-z-]{1,40}(\/[a-z0-9-]{1,60})?$/) }),
  run: ({ params, request }) => {
    const [scheme, code] = params["*"].split("/");
    const doc = conceptAsJsonLd(env().PUBLIC_URL, scheme, code);
    if (!doc || !isConceptScheme(scheme)) httpError(404);
    const vary = { Vary: "Accept", "Cache-Control": "public, max-age=300" };
    const format = negotiate(request.headers.get("Accept"));
    if (format !== "html") return linkedDataResponse(doc, format, vary);
    const location = code ? conceptPagePath(scheme, code) : "/organisatie/stad-mechelen#begrippen";
    return new Response(null, { status: 303, headers: { ...vary, Location: location } });
  },
});
