import { sitemapXml } from "~/modules/platform/web-basics.server";
import { anyone, loaderOf } from "~/utils/kernel";

// s-maxage: the shared page cache holds it briefly and a publication clears it (cache bus).
export const loader = loaderOf({
  guard: anyone,
  run: async () => new Response(await sitemapXml(), { headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=0, s-maxage=300" } }),
});
