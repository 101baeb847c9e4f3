import { data, redirect, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { StaffSsoFailure } from "~/components/StaffSsoFailure";
import { finishStaffOidcLogin, staffOidcStateCookie } from "~/modules/identity/staff-oidc.server";
import { startUserSession } from "~/modules/identity/sessions.server";
import { DomainError } from "~/modules/platform/errors";
import { anyone, httpError, loaderOf } from "~/utils/kernel";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "staffSso");

/** The city's provider sends the member back here with a code (or an error). */
// The provider's answer (code, state, error) is checked by openid-client in finishStaffOidcLogin.
export const loader = loaderOf({
  guard: anyone,
  run: async ({ request }) => {
    const headers = new Headers({ "Cache-Control": "no-store" });
    // The login in progress is used up whatever happens next.
    headers.append("Set-Cookie", await staffOidcStateCookie().serialize("", { maxAge: 0 }));
    try {
      const done = await finishStaffOidcLogin(request);
      headers.append("Set-Cookie", await startUserSession(request, done.userId, done.auth));
      return redirect(done.redirectTo, { headers });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      if (err.code === "NOT_FOUND") httpError(404);
      return data({ messageKey: err.messageKey }, { status: err.status, headers });
    }
  },
});

export default function StaffSsoCallbackFailed() {
  const d = useLoaderData<typeof loader>();
  return <StaffSsoFailure messageKey={d.messageKey} />;
}
