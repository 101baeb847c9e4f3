import { redirect } from "@remix-run/node";
import { z } from "zod";
import { getOptionalUser } from "~/modules/identity/guards.server";
import { endSession, revokeAllSessions } from "~/modules/identity/sessions.server";
import { providerLogoutUrl } from "~/modules/identity/oidc.server";
import { staffProviderLogoutUrl } from "~/modules/identity/staff-oidc.server";
import { actionOf, anyone, loaderOf } from "~/utils/kernel";

/** POST only: a link could log people out from another site. `everywhere` ends every session of the user. */
const actionBody = z.object({ everywhere: z.string().max(5).optional() });
export const action = actionOf({
  guard: (request) => getOptionalUser(request),
  body: actionBody,
  run: async ({ actor: user, body, request }) => {
    if (user && body.everywhere === "1") await revokeAllSessions(user.id);
    // An itsme/eID session also ends at the identity provider, which sends the resident back (RP-initiated logout).
    // The same for a member who came in through the city's single sign-on.
    const atProvider = (await providerLogoutUrl(user)) ?? (await staffProviderLogoutUrl(user));
    return redirect(atProvider ?? (user?.isStaff ? "/medewerkers/aanmelden" : "/aanmelden?afgemeld=1"), {
      headers: { "Set-Cookie": await endSession(request) },
    });
  },
});

// The form posts here; a GET (a bookmark, a crawler) goes to the home page.
export const loader = loaderOf({ guard: anyone, run: () => redirect("/") });
