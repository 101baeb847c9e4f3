import type { ActionFunctionArgs } from "@remix-run/node";
import { kioskIdFromRequest } from "~/modules/access/kiosks.server";
import { scanAtKiosk } from "~/modules/access/scan.server";

const json = (body: unknown, status = 200) => Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

/**
 * The kiosk's JSON endpoint (for scripts on the device and the benchmark): POST `code`.
 * Only a kiosk with its signed cookie may scan; the answer carries no more than the screen shows.
 */
export async function action({ request }: ActionFunctionArgs) {
  const kioskId = await kioskIdFromRequest(request);
  if (!kioskId) return json({ outcome: "kiosk_revoked" }, 401);
  const form = await request.formData();
  const code = String(form.get("code") ?? "");
  if (!code || code.length > 1000) return json({ outcome: "not_city_code" }, 400);
  const answer = await scanAtKiosk(kioskId, code);
  return json(answer, answer.outcome === "kiosk_revoked" ? 401 : answer.outcome === "rate_limited" ? 429 : 200);
}
