import { isProduction } from "~/utils/env.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useFormResult } from "~/components/useFormResult";
import { ErrorSummary, TextField } from "~/components/forms";
import { verifyLoginCode } from "~/modules/identity/auth.server";
import { pendingLoginCookie, readPendingLogin } from "~/modules/identity/pending-login.server";
import { verifyCodeSchema } from "~/modules/identity/schemas";
import { EMAIL_CODE_AUTH, startUserSession } from "~/modules/identity/sessions.server";
import { formValues, parseWith } from "~/utils/forms";
import { clientIp } from "~/utils/request.server";
import { readFormOrRefuse, domainErrorResponse } from "~/utils/kernel";
import { safeRedirect } from "~/utils/safe-redirect";

export const meta: MetaFunction = () => [{ title: "Code invullen – Digitaal Huis van de Mechelaar" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const pending = await readPendingLogin(request);
  return { email: pending?.email ?? "", devMailbox: !isProduction() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readFormOrRefuse(request);
  const values = formValues(form);
  const pending = await readPendingLogin(request);
  const parsed = parseWith(verifyCodeSchema, { ...values, email: values.email || pending?.email || "" }, values);
  if (!parsed.ok) return data(parsed, { status: 400 });
  let user: { id: string };
  try {
    user = await verifyLoginCode(parsed.data.email, parsed.data.code, clientIp(context));
  } catch (err) {
    return domainErrorResponse(err, { ...values, code: "" });
  }
  const headers = new Headers();
  headers.append("Set-Cookie", await startUserSession(request, user.id, EMAIL_CODE_AUTH));
  headers.append("Set-Cookie", await pendingLoginCookie().serialize("", { maxAge: 0 }));
  return redirect(safeRedirect(pending?.redirectTo, "/mijn"), { headers });
}

export default function EnterCode() {
  const { t } = useTranslation(["auth", "common"]);
  const { email, devMailbox } = useLoaderData<typeof loader>();
  const { errors, values, busy } = useFormResult();
  return (
    <div className="stack narrow">
      <h1>{t("code.title")}</h1>
      {email ? <p>{t("code.sentTo", { email })}</p> : <p>{t("code.intro")}</p>}
      <p>{t("code.validity")}</p>
      {devMailbox ? (
        <p className="muted">
          {t("code.devMailboxHint")} <Link to="/dev/mailbox">{t("common:footer.devMailbox")}</Link>
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate className="stack">
        {email ? (
          <input type="hidden" name="email" value={email} />
        ) : (
          <TextField name="email" type="email" label={t("login.email")} autoComplete="email" defaultValue={values.email} error={errors?.email} />
        )}
        <TextField
          name="code"
          label={t("code.label")}
          hint={t("code.hint")}
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9 ]*"
          maxLength={8}
          className="input-code"
          error={errors?.code}
          required
        />
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
