import { z } from "zod";
import { posterSvg } from "~/modules/access/entrance.server";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { uuid } from "~/utils/ids";
import { loaderOf } from "~/utils/kernel";

/** The poster as an SVG file (A4), for printing or sending to a print shop. */
export const loader = loaderOf({
  guard: (request) => requireStaffCan(request, "admin.manage"),
  params: z.object({ entranceId: uuid }),
  run: async ({ actor, params }) =>
    new Response(await posterSvg(actor, params.entranceId), {
      headers: {
        "Content-Type": "image/svg+xml; charset=utf-8",
        "Content-Disposition": `inline; filename="affiche-${params.entranceId}.svg"`,
        "Cache-Control": "private, no-store",
      },
    }),
});
