import { redirect } from "@remix-run/node";
import { z } from "zod";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { resetSecondFactor } from "~/modules/identity/second-factor.server";
import { uuid } from "~/utils/ids";
import { actionOf, anyone, loaderOf } from "~/utils/kernel";

const params = z.object({ id: uuid });

/** POST only: an admin resets another member's second factor (audited); they set up a new one at their next login. */
export const action = actionOf({
  guard: (request) => requireStaffCan(request, "admin.manage"),
  params,
  body: z.object({}),
  run: async ({ actor, params }) => {
    await resetSecondFactor(actor, params.id);
    return redirect(`/werk/beheer/medewerkers/${params.id}?tweestapsverificatie=gewist`);
  },
});

export const loader = loaderOf({ guard: anyone, params, run: ({ params }) => redirect(`/werk/beheer/medewerkers/${params.id}`) });
