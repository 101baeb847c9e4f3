import type { LoaderFunctionArgs } from "@remix-run/node";
import { organisationAsJsonLd } from "~/modules/catalog/jsonld.server";
import { linkedDataResponse, negotiate } from "~/modules/platform/linked-data.server";
import { env } from "~/utils/env.server";

/** The city's URI: JSON-LD or Turtle for a machine, a 303 to the page about it for a person. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  if (params["*"] !== "stad-mechelen") throw new Response("Not Found", { status: 404 });
  const vary = { Vary: "Accept", "Cache-Control": "public, max-age=300" };
  const format = negotiate(request.headers.get("Accept"));
  if (format !== "html") return linkedDataResponse(organisationAsJsonLd(env().PUBLIC_URL), format, vary);
  return new Response(null, { status: 303, headers: { ...vary, Location: "/organisatie/stad-mechelen" } });
}
