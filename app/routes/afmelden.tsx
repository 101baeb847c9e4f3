import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getOptionalUser } from "~/modules/identity/guards.server";
import { endSession, revokeAllSessions } from "~/modules/identity/sessions.server";
import { providerLogoutUrl } from "~/modules/identity/oidc.server";

/** POST only: a link could log people out from another site. `everywhere` ends every session of the user. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const user = await getOptionalUser(request);
  if (user && form.get("everywhere") === "1") await revokeAllSessions(user.id);
  // An itsme/eID session also ends at the identity provider, which sends the resident back (RP-initiated logout).
  const atProvider = await providerLogoutUrl(user);
  return redirect(atProvider ?? (user?.isStaff ? "/medewerkers/aanmelden" : "/aanmelden?afgemeld=1"), {
    headers: { "Set-Cookie": await endSession(request) },
  });
}

export const loader = () => redirect("/");
