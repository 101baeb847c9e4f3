import { redirect, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { useFormResult } from "~/components/useFormResult";
import { ErrorSummary, TextField } from "~/components/forms";
import { loginStaff } from "~/modules/identity/auth.server";
import { getOptionalUser } from "~/modules/identity/guards.server";
import { staffLoginSchema } from "~/modules/identity/schemas";
import { startPendingStaffLogin } from "~/modules/identity/pending-login.server";
import { staffOidcEnabled } from "~/modules/identity/staff-oidc.server";
import { staffPasswordAuth, startUserSession } from "~/modules/identity/sessions.server";
import { clientIp } from "~/utils/request.server";
import { actionOf, anyone, loaderOf } from "~/utils/kernel";
import { safeRedirect } from "~/utils/safe-redirect";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "staffLogin");

export const loader = loaderOf({
  guard: (request) => getOptionalUser(request),
  query: z.object({ redirectTo: z.string().max(2000).optional() }),
  run: ({ actor: user, query }) => {
    const redirectTo = safeRedirect(query.redirectTo, "/werk");
    if (user?.isStaff) throw redirect(redirectTo);
    // Staff single sign-on is offered only when it is configured (STAFF_OIDC_ISSUER).
    return { redirectTo, sso: staffOidcEnabled() };
  },
});

export const action = actionOf({
  guard: anyone,
  body: staffLoginSchema.extend({ redirectTo: z.string().optional() }),
  run: async ({ body, request, context }) => {
    const user = await loginStaff(body.email, body.password, clientIp(context));
    const redirectTo = safeRedirect(body.redirectTo, "/werk");
    if (user.next === "session") {
      return redirect(redirectTo, { headers: { "Set-Cookie": await startUserSession(request, user.id, staffPasswordAuth(null)) } });
    }
    // No rights yet: the second factor (or setting it up) comes first.
    return redirect(user.next === "enrol" ? "/medewerkers/aanmelden/tweestapsverificatie" : "/medewerkers/aanmelden/tweede-stap", {
      headers: { "Set-Cookie": await startPendingStaffLogin(user.id, user.next, redirectTo) },
    });
  },
});

export default function StaffLogin() {
  const { t } = useTranslation(["auth", "common"]);
  const { redirectTo, sso } = useLoaderData<typeof loader>();
  const { errors, values, busy } = useFormResult();
  return (
    <div className="stack narrow">
      <h1>{t("staffLogin.title")}</h1>
      <p>{t("staffLogin.intro")}</p>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate className="stack">
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField name="email" type="email" label={t("staffLogin.email")} autoComplete="username" spellCheck={false} defaultValue={values.email} error={errors?.email} required />
        <TextField name="password" type="password" label={t("staffLogin.password")} autoComplete="current-password" error={errors?.password} required />
        <button type="submit" className="button" disabled={busy}>
          {t("staffLogin.submit")}
        </button>
      </Form>
      {sso ? (
        <section className="stack" aria-labelledby="sso-heading">
          <h2 id="sso-heading">{t("staffSso.heading")}</h2>
          <p>{t("staffSso.intro")}</p>
          <p>
            <a className="button button-secondary" href={`/medewerkers/aanmelden/stad?redirectTo=${encodeURIComponent(redirectTo)}`}>
              {t("staffSso.start")}
            </a>
          </p>
        </section>
      ) : null}
    </div>
  );
}
