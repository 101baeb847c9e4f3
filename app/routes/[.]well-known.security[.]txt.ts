import { securityTxt } from "~/modules/platform/web-basics.server";
import { anyone, loaderOf } from "~/utils/kernel";

export const loader = loaderOf({
  guard: anyone,
  run: () => new Response(securityTxt(), { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=86400" } }),
});
