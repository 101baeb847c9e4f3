import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportMyData } from "~/modules/cases/dossiers.server";
import { requireUser } from "~/modules/identity/guards.server";

/** "Download al mijn gegevens": everything the portal keeps about the resident, as JSON. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "resident" });
  const body = JSON.stringify(await exportMyData(user), null, 2);
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": 'attachment; filename="mijn-gegevens.json"',
      "Cache-Control": "private, no-store",
    },
  });
}
