import { data, redirect, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { EidFailure } from "~/components/EidFailure";
import { startOidcLogin } from "~/modules/identity/oidc.server";
import { DomainError } from "~/modules/platform/errors";
import { anyone, httpError, loaderOf } from "~/utils/kernel";
import { safeRedirect } from "~/utils/safe-redirect";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "eidLogin");

/** Starts "Aanmelden met itsme of eID": off to the identity provider (a GET, so a plain link works without JavaScript). */
// A provider that cannot be reached is a page with the other ways to log in, not an error page.
export const loader = loaderOf({
  guard: anyone,
  query: z.object({ redirectTo: z.string().max(2000).optional() }),
  run: async ({ query: { redirectTo } }) => {
    try {
      const start = await startOidcLogin(redirectTo ?? null);
      return redirect(start.url, { headers: { "Set-Cookie": start.cookie, "Cache-Control": "no-store" } });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      if (err.code === "NOT_FOUND") httpError(404);
      return data({ messageKey: err.messageKey, redirectTo: safeRedirect(redirectTo, "/mijn") }, { status: 503 });
    }
  },
});

export default function EidStartFailed() {
  const d = useLoaderData<typeof loader>();
  return <EidFailure messageKey={d.messageKey} redirectTo={d.redirectTo} />;
}
