import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { askResident } from "~/modules/cases/staff.server";
import { orHttpError } from "~/modules/cases/http.server";
import { requireStaff } from "~/modules/identity/guards.server";
import { isProduction } from "~/utils/env.server";

/**
 * Outside production only: lets a signed-in staff member ask a resident a question about a
 * case through the case module, until the back-office screens (issue 6) exist. Used by e2e.
 */
export async function loader(_: LoaderFunctionArgs) {
  throw new Response("Not found", { status: 404 });
}

export async function action({ request }: ActionFunctionArgs) {
  if (isProduction()) throw new Response("Not found", { status: 404 });
  const actor = await requireStaff(request);
  const form = await request.formData();
  await orHttpError(askResident(actor, String(form.get("reference") ?? ""), String(form.get("question") ?? "")));
  return new Response("ok", { status: 200, headers: { "Content-Type": "text/plain" } });
}
