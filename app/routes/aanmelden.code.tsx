import { isProduction } from "~/utils/env.server";
import { redirect, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useFormResult } from "~/components/useFormResult";
import { CodeField, DevMailboxHint } from "~/components/CodeField";
import { ErrorSummary, TextField } from "~/components/forms";
import { verifyLoginCode } from "~/modules/identity/auth.server";
import { pendingLoginCookie, readPendingLogin } from "~/modules/identity/pending-login.server";
import { verifyCodeSchema } from "~/modules/identity/schemas";
import { EMAIL_CODE_AUTH, startUserSession } from "~/modules/identity/sessions.server";
import { clientIp } from "~/utils/request.server";
import { actionOf, anyone, loaderOf, readFormData } from "~/utils/kernel";
import { safeRedirect } from "~/utils/safe-redirect";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "loginCode");

export const loader = loaderOf({
  guard: anyone,
  run: async ({ request }) => {
    const pending = await readPendingLogin(request);
    return { email: pending?.email ?? "", registering: pending?.registering === true, devMailbox: !isProduction() };
  },
});

export const action = actionOf({
  guard: anyone,
  // The address the code was sent to comes from the pending login when the form has none.
  read: async (request) => {
    const form = await readFormData(request);
    const pending = await readPendingLogin(request);
    if (!form.get("email") && pending?.email) form.set("email", pending.email);
    return { form, extra: pending };
  },
  body: verifyCodeSchema,
  run: async ({ body, extra: pending, request, context }) => {
    const user = await verifyLoginCode(body.email, body.code, clientIp(context));
    const headers = new Headers();
    headers.append("Set-Cookie", await startUserSession(request, user.id, EMAIL_CODE_AUTH));
    headers.append("Set-Cookie", await pendingLoginCookie().serialize("", { maxAge: 0 }));
    return redirect(safeRedirect(pending?.redirectTo, "/mijn"), { headers });
  },
});

export default function EnterCode() {
  const { t } = useTranslation(["auth", "common"]);
  const { email, registering, devMailbox } = useLoaderData<typeof loader>();
  const { errors, values, busy } = useFormResult();
  return (
    <div className="stack narrow">
      <h1>{t("code.title")}</h1>
      {registering && email ? (
        <>
          <p className="lead">{t("code.welcomeNew")}</p>
          <p>{t("code.sentToNew", { email })}</p>
        </>
      ) : email ? (
        <p>{t("code.sentTo", { email })}</p>
      ) : (
        <p>{t("code.intro")}</p>
      )}
      <p>{t("code.validity")}</p>
      <DevMailboxHint show={devMailbox} />
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate className="stack">
        {email ? (
          <input type="hidden" name="email" value={email} />
        ) : (
          <TextField name="email" type="email" label={t("login.email")} autoComplete="email" defaultValue={values.email} error={errors?.email} />
        )}
        <CodeField label={t("code.label")} hint={t("code.hint")} error={errors?.code} />
        <button type="submit" className="button" disabled={busy}>
          {t("code.submit")}
        </button>
      </Form>
      <p>
        {t("code.noCode")} <Link to="/aanmelden">{t("code.newCode")}</Link>
      </p>
    </div>
  );
}
