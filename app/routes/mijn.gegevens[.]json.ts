import { exportMyData } from "~/modules/cases/dossiers.server";
import { requireUser } from "~/modules/identity/guards.server";
import { loaderOf } from "~/utils/kernel";

/** "Download al mijn gegevens": everything the portal keeps about the resident, as JSON. */
export const loader = loaderOf({
  guard: (request) => requireUser(request, { role: "resident" }),
  run: async ({ actor }) =>
    new Response(JSON.stringify(await exportMyData(actor), null, 2), {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": 'attachment; filename="mijn-gegevens.json"',
        "Cache-Control": "private, no-store",
      },
    }),
});
