import { redirect, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { useFormResult } from "~/components/useFormResult";
import { ErrorSummary, Notice, TextField } from "~/components/forms";
import { requestLoginCode } from "~/modules/identity/auth.server";
import { getOptionalUser } from "~/modules/identity/guards.server";
import { pendingLoginCookie } from "~/modules/identity/pending-login.server";
import { oidcEnabled } from "~/modules/identity/oidc.server";
import { requestCodeSchema } from "~/modules/identity/schemas";
import { clientIp } from "~/utils/request.server";
import { actionOf, anyone, loaderOf } from "~/utils/kernel";
import { safeRedirect } from "~/utils/safe-redirect";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "login");

export const loader = loaderOf({
  guard: (request) => getOptionalUser(request),
  query: z.object({ redirectTo: z.string().max(2000).optional(), afgemeld: z.string().max(10).optional() }),
  run: ({ actor: user, query }) => {
    const redirectTo = safeRedirect(query.redirectTo, "/mijn");
    if (user) throw redirect(user.isStaff ? "/werk" : redirectTo);
    return { redirectTo, loggedOut: query.afgemeld !== undefined, eid: oidcEnabled() };
  },
});

export const action = actionOf({
  guard: anyone,
  body: requestCodeSchema.extend({ redirectTo: z.string().optional() }),
  run: async ({ body, context }) => {
    await requestLoginCode(body.email, clientIp(context));
    const redirectTo = safeRedirect(body.redirectTo, "/mijn");
    return redirect("/aanmelden/code", {
      headers: { "Set-Cookie": await pendingLoginCookie().serialize({ email: body.email, redirectTo }) },
    });
  },
});

export default function Login() {
  const { t } = useTranslation(["auth", "common"]);
  const { redirectTo, loggedOut, eid } = useLoaderData<typeof loader>();
  const { errors, values, busy } = useFormResult();
  return (
    <div className="stack narrow">
      {loggedOut ? <Notice>{t("logout.done")}</Notice> : null}
      <h1>{t("login.title")}</h1>
      <p>{t("login.intro")}</p>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate className="stack">
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField name="email" type="email" label={t("login.email")} autoComplete="email" spellCheck={false} defaultValue={values.email} error={errors?.email} required />
        <button type="submit" className="button" disabled={busy}>
          {t("login.sendCode")}
        </button>
      </Form>
      {eid ? (
        <section className="stack" aria-labelledby="eid-heading">
          <h2 id="eid-heading">{t("eid.start")}</h2>
          <p>{t("eid.or")}</p>
          <p>
            <a className="button button-secondary" href={`/aanmelden/eid?redirectTo=${encodeURIComponent(redirectTo)}`}>
              {t("eid.start")}
            </a>
          </p>
        </section>
      ) : null}
      <p>
        {t("login.noAccount")} <Link to={`/registreren?redirectTo=${encodeURIComponent(redirectTo)}`}>{t("login.toRegister")}</Link>
      </p>
      <p>
        {t("login.staff")} <Link to="/medewerkers/aanmelden">{t("login.toStaff")}</Link>
      </p>
    </div>
  );
}
