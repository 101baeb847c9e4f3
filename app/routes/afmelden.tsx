import { redirect } from "@remix-run/node";
import { z } from "zod";
import { getOptionalUser } from "~/modules/identity/guards.server";
import { endSession, revokeAllSessions } from "~/modules/identity/sessions.server";
import { actionOf } from "~/utils/kernel";

/** POST only: a link could log people out from another site. `everywhere` ends every session of the user. */
const actionBody = z.object({ everywhere: z.string().max(5).optional() });
export const action = actionOf({
  guard: (request) => getOptionalUser(request),
  body: actionBody,
  run: async ({ actor: user, body, request }) => {
    if (user && body.everywhere === "1") await revokeAllSessions(user.id);
    return redirect(user?.isStaff ? "/medewerkers/aanmelden" : "/aanmelden?afgemeld=1", {
      headers: { "Set-Cookie": await endSession(request) },
    });
  },
});

export const loader = () => redirect("/");
