import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorSummary, TextField } from "~/components/forms";
import { useFormResult } from "~/components/useFormResult";
import { confirmEidLink, pendingEidLinkCookie, readPendingEidLink } from "~/modules/identity/oidc.server";
import { verifyCodeSchema } from "~/modules/identity/schemas";
import { startUserSession } from "~/modules/identity/sessions.server";
import { isProduction } from "~/utils/env.server";
import { formValues, parseWith } from "~/utils/forms";
import { domainErrorResponse, readFormOrRefuse } from "~/utils/kernel";
import { clientIp } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "Bevestig uw e-mailadres – Digitaal Huis van de Mechelaar" }];

/** A first itsme/eID login whose e-mail address has an account: the owner confirms it with a code before anything is linked. */
export async function loader({ request }: LoaderFunctionArgs) {
  const pending = await readPendingEidLink(request);
  return { email: pending?.email ?? null, devMailbox: !isProduction() };
}

const codeOnly = verifyCodeSchema.pick({ code: true }).extend({ _intent: z.string().optional() });

export async function action({ request, context }: ActionFunctionArgs) {
  const pending = await readPendingEidLink(request);
  const values = formValues(await readFormOrRefuse(request));
  if (!pending) return data({ ok: false as const, errors: { _form: "auth:eid.linkNone" }, values: {} }, { status: 400 });
  const parsed = parseWith(codeOnly, values, values);
  if (!parsed.ok) return data(parsed, { status: 400 });
  let linked: Awaited<ReturnType<typeof confirmEidLink>>;
  try {
    linked = await confirmEidLink(pending, parsed.data.code, clientIp(context));
  } catch (err) {
    return domainErrorResponse(err, {});
  }
  const headers = new Headers();
  headers.append("Set-Cookie", await startUserSession(request, linked.userId, linked.auth));
  headers.append("Set-Cookie", await pendingEidLinkCookie().serialize("", { maxAge: 0 }));
  return redirect(linked.redirectTo, { headers });
}

export default function ConfirmEidLink() {
  const { t } = useTranslation(["auth", "common"]);
  const { email, devMailbox } = useLoaderData<typeof loader>();
  const { errors, busy } = useFormResult();
  if (!email) {
    return (
      <div className="stack narrow">
        <h1>{t("eid.linkTitle")}</h1>
        <p>{t("eid.linkNone")}</p>
        <p>
          <a className="button" href="/aanmelden/eid">
            {t("eid.start")}
          </a>
        </p>
      </div>
    );
  }
  return (
    <div className="stack narrow">
      <h1>{t("eid.linkTitle")}</h1>
      <p>{t("eid.linkIntro", { email })}</p>
      <p>{t("code.validity")}</p>
      {devMailbox ? (
        <p className="muted">
          {t("code.devMailboxHint")} <Link to="/dev/mailbox">{t("common:footer.devMailbox")}</Link>
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate className="stack">
        <TextField name="code" label={t("code.label")} hint={t("code.hint")} inputMode="numeric" autoComplete="one-time-code" pattern="[0-9 ]*" maxLength={8} className="input-code" error={errors?.code} required />
        <button type="submit" className="button" disabled={busy}>
          {t("eid.linkSubmit")}
        </button>
      </Form>
    </div>
  );
}
