import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useFormResult } from "~/components/useFormResult";
import { ErrorSummary, Notice, TextField } from "~/components/forms";
import { requestLoginCode } from "~/modules/identity/auth.server";
import { getOptionalUser } from "~/modules/identity/guards.server";
import { pendingLoginCookie } from "~/modules/identity/pending-login.server";
import { requestCodeSchema } from "~/modules/identity/schemas";
import { formValues, parseWith } from "~/utils/forms";
import { clientIp } from "~/utils/request.server";
import { readFormOrRefuse, domainErrorResponse } from "~/utils/kernel";
import { safeRedirect } from "~/utils/safe-redirect";

export const meta: MetaFunction = () => [{ title: "Aanmelden – Digitaal Huis van de Mechelaar" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const redirectTo = safeRedirect(url.searchParams.get("redirectTo"), "/mijn");
  const user = await getOptionalUser(request);
  if (user) throw redirect(user.isStaff ? "/werk" : redirectTo);
  return { redirectTo, loggedOut: url.searchParams.has("afgemeld") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readFormOrRefuse(request);
  const values = formValues(form);
  const parsed = parseWith(requestCodeSchema, values, values);
  if (!parsed.ok) return data(parsed, { status: 400 });
  try {
    await requestLoginCode(parsed.data.email, clientIp(context));
  } catch (err) {
    return domainErrorResponse(err, values);
  }
  const redirectTo = safeRedirect(form.get("redirectTo"), "/mijn");
  return redirect("/aanmelden/code", {
    headers: { "Set-Cookie": await pendingLoginCookie().serialize({ email: parsed.data.email, redirectTo }) },
  });
}

export default function Login() {
  const { t } = useTranslation(["auth", "common"]);
  const { redirectTo, loggedOut } = useLoaderData<typeof loader>();
  const { errors, values, busy } = useFormResult();
  return (
    <div className="stack narrow">
      {loggedOut ? <Notice>{t("logout.done")}</Notice> : null}
      <h1>{t("login.title")}</h1>
      <p>{t("login.intro")}</p>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate className="stack">
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField
          name="email"
          type="email"
          label={t("login.email")}
          autoComplete="email"
          spellCheck={false}
          defaultValue={values.email}
          error={errors?.email}
          required
        />
        <button type="submit" className="button" disabled={busy}>
          {t("login.sendCode")}
        </button>
      </Form>
      <p>
        {t("login.noAccount")} <Link to={`/registreren?redirectTo=${encodeURIComponent(redirectTo)}`}>{t("login.toRegister")}</Link>
      </p>
      <p>
        {t("login.staff")} <Link to="/medewerkers/aanmelden">{t("login.toStaff")}</Link>
      </p>
    </div>
  );
}
