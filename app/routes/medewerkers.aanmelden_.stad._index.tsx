import { data, redirect, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { StaffSsoFailure } from "~/components/StaffSsoFailure";
import { startStaffOidcLogin } from "~/modules/identity/staff-oidc.server";
import { DomainError } from "~/modules/platform/errors";
import { anyone, httpError, loaderOf } from "~/utils/kernel";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "staffSso");

/** Starts staff single sign-on at the city's provider (a GET: a plain link works without JavaScript). 404 when it is off. */
export const loader = loaderOf({
  guard: anyone,
  query: z.object({ redirectTo: z.string().max(2000).optional() }),
  run: async ({ query: { redirectTo } }) => {
    try {
      const start = await startStaffOidcLogin(redirectTo ?? null);
      return redirect(start.url, { headers: { "Set-Cookie": start.cookie, "Cache-Control": "no-store" } });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      if (err.code === "NOT_FOUND") httpError(404);
      return data({ messageKey: err.messageKey }, { status: 503 });
    }
  },
});

export default function StaffSsoStartFailed() {
  const d = useLoaderData<typeof loader>();
  return <StaffSsoFailure messageKey={d.messageKey} />;
}
