import { z } from "zod";
import { serviceAsJsonLd, servicePagePath } from "~/modules/catalog/jsonld.server";
import { linkedDataResponse, negotiate } from "~/modules/platform/linked-data.server";
import { env } from "~/utils/env.server";
import { slug } from "~/utils/ids";
import { anyone, httpError, loaderOf } from "~/utils/kernel";

/** Does the client ask for linked data rather than a page? */
export function wantsJsonLd(accept: string | null) {
  return negotiate(accept) !== "html";
}

/**
 * The persistent identifiers of the service catalogue (`/id/dienst/<slug>`, and the channel
 * URIs under it) resolve, as Linked Data URIs do: a machine that asks for JSON-LD or Turtle gets the
 * service's description, a person is sent on (303 See Other) to the page about the service.
 */
/** The service's slug is the first segment; channel URIs follow it. */
const idParams = z
  .object({
    "*": z
      .string()
      .max(500)
      .transform((rest) => rest.split("/")[0])
      .pipe(slug),
  })
  .transform((p) => ({ slug: p["*"] }));

export const loader = loaderOf({
  guard: anyone,
  params: idParams,
  run: async ({ params, request }) => {
    // No s-maxage: the shared page cache does not key on Accept; browsers and proxies honour Vary.
    const vary = { Vary: "Accept", "Cache-Control": "public, max-age=300" };
    const format = negotiate(request.headers.get("Accept"));
    if (format !== "html") {
      const doc = await serviceAsJsonLd(env().PUBLIC_URL, params.slug);
      if (!doc) return Response.json({ error: "not_found" }, { status: 404, headers: { Vary: "Accept" } });
      return linkedDataResponse(doc, format, vary);
    }
    const path = await servicePagePath(params.slug);
    if (!path) httpError(404);
    return new Response(null, { status: 303, headers: { ...vary, Location: path } });
  },
});
