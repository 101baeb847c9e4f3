import type { LoaderFunctionArgs } from "@remix-run/node";
import { serviceAsJsonLd, servicePagePath } from "~/modules/catalog/jsonld.server";
import { linkedDataResponse, negotiate } from "~/modules/platform/linked-data.server";
import { env } from "~/utils/env.server";

/** Does the client ask for linked data rather than a page? */
export function wantsJsonLd(accept: string | null) {
  return negotiate(accept) !== "html";
}

/**
 * The persistent identifiers of the service catalogue (`/id/dienst/<slug>`, and the channel
 * URIs under it) resolve, as Linked Data URIs do: a machine that asks for JSON-LD or Turtle
 * gets the service's description, a person is sent on (303 See Other) to the page about it.
 */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const slug = (params["*"] ?? "").split("/")[0];
  if (!/^[a-z0-9-]{1,120}$/.test(slug)) throw new Response("Not Found", { status: 404 });
  // No s-maxage: the shared page cache does not key on Accept; browsers and proxies honour Vary.
  const vary = { Vary: "Accept", "Cache-Control": "public, max-age=300" };
  const format = negotiate(request.headers.get("Accept"));
  if (format !== "html") {
    const doc = await serviceAsJsonLd(env().PUBLIC_URL, slug);
    if (!doc) return Response.json({ error: "not_found" }, { status: 404, headers: { Vary: "Accept" } });
    return linkedDataResponse(doc, format, vary);
  }
  const path = await servicePagePath(slug);
  if (!path) throw new Response("Not Found", { status: 404 });
  return new Response(null, { status: 303, headers: { ...vary, Location: path } });
}
