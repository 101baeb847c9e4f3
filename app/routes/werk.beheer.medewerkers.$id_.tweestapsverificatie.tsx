import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { resetSecondFactor } from "~/modules/identity/second-factor.server";
import { DomainError } from "~/modules/platform/errors";

const idParam = z.string().uuid();

/** POST only: an admin resets another member's second factor (audited); they set up a new one at their next login. */
export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireStaffCan(request, "admin.manage");
  const id = idParam.safeParse(params.id);
  if (!id.success) throw new Response("Not found", { status: 404 });
  try {
    await resetSecondFactor(actor, id.data);
  } catch (err) {
    if (err instanceof DomainError) throw new Response(err.code, { status: err.status });
    throw err;
  }
  return redirect(`/werk/beheer/medewerkers/${id.data}?tweestapsverificatie=gewist`);
}

export const loader = ({ params }: LoaderFunctionArgs) => {
  const id = idParam.safeParse(params.id);
  if (!id.success) throw new Response("Not found", { status: 404 });
  return redirect(`/werk/beheer/medewerkers/${id.data}`);
};
