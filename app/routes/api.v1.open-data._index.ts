import type { LoaderFunctionArgs } from "@remix-run/node";
import { openDataCatalog } from "~/modules/insights/opendata.server";
import { linkedDataResponse, negotiate } from "~/modules/platform/linked-data.server";
import { env } from "~/utils/env.server";

/** Open data: the DCAT-AP 3.0.1 catalogue of the public figures, as JSON-LD or Turtle. */
// No s-maxage: the shared page cache (app/server/page-cache.ts) does not key on Accept.
export async function loader({ request }: LoaderFunctionArgs) {
  const format = negotiate(request.headers.get("Accept"), "jsonld") === "turtle" ? "turtle" : "jsonld";
  return linkedDataResponse(await openDataCatalog(env().PUBLIC_URL), format, { Vary: "Accept", "Cache-Control": "public, max-age=300" });
}
