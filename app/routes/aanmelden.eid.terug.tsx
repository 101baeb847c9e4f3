import { data, redirect, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { EidFailure } from "~/components/EidFailure";
import { getOptionalUser } from "~/modules/identity/guards.server";
import { finishOidcLogin, oidcStateCookie, pendingEidLinkCookie } from "~/modules/identity/oidc.server";
import { startUserSession } from "~/modules/identity/sessions.server";
import { DomainError } from "~/modules/platform/errors";
import { httpError, loaderOf } from "~/utils/kernel";
import { clientIp } from "~/utils/request.server";
import { safeRedirect } from "~/utils/safe-redirect";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "eidLogin");

/** The identity provider sends the resident back here with a code (or an error). */
// The provider's answer (code, state, error) is checked by openid-client in finishOidcLogin.
// A refused login is a page with the other ways to log in, not an error page.
export const loader = loaderOf({
  guard: (request) => getOptionalUser(request),
  run: async ({ actor, request, context }) => {
    const headers = new Headers({ "Cache-Control": "no-store" });
    // The login in progress is used up whatever happens next.
    headers.append("Set-Cookie", await oidcStateCookie().serialize("", { maxAge: 0 }));
    try {
      const outcome = await finishOidcLogin(request, actor, clientIp(context));
      if (outcome.kind === "confirm-email") {
        headers.append("Set-Cookie", await pendingEidLinkCookie().serialize(outcome.pending));
        return redirect("/aanmelden/eid/koppelen", { headers });
      }
      headers.append("Set-Cookie", await startUserSession(request, outcome.userId, outcome.auth));
      return redirect(safeRedirect(outcome.redirectTo, "/mijn"), { headers });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      if (err.code === "NOT_FOUND") httpError(404);
      return data({ messageKey: err.messageKey, redirectTo: "/mijn" }, { status: err.status, headers });
    }
  },
});

export default function EidCallbackFailed() {
  const d = useLoaderData<typeof loader>();
  return <EidFailure messageKey={d.messageKey} redirectTo={d.redirectTo} />;
}
