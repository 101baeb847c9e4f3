import { redirect, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CodeField, DevMailboxHint } from "~/components/CodeField";
import { ErrorSummary } from "~/components/forms";
import { useFormResult } from "~/components/useFormResult";
import { confirmEidLink, pendingEidLinkCookie, readPendingEidLink } from "~/modules/identity/oidc.server";
import { verifyCodeSchema } from "~/modules/identity/schemas";
import { startUserSession } from "~/modules/identity/sessions.server";
import { isProduction } from "~/utils/env.server";
import { DomainError } from "~/modules/platform/errors";
import { actionOf, anyone, loaderOf } from "~/utils/kernel";
import { clientIp } from "~/utils/request.server";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "eidConfirmEmail");

/** A first itsme/eID login whose e-mail address has an account: the owner confirms it with a code before anything is linked. */
export const loader = loaderOf({
  guard: anyone,
  run: async ({ request }) => {
    const pending = await readPendingEidLink(request);
    return { email: pending?.email ?? null, devMailbox: !isProduction() };
  },
});

const codeOnly = verifyCodeSchema.pick({ code: true }).extend({ _intent: z.string().optional() });

export const action = actionOf({
  guard: (request) => readPendingEidLink(request),
  body: codeOnly,
  run: async ({ actor: pending, body, request, context }) => {
    if (!pending) throw new DomainError("VALIDATION", "auth:eid.linkNone");
    const linked = await confirmEidLink(pending, body.code, clientIp(context));
    const headers = new Headers();
    headers.append("Set-Cookie", await startUserSession(request, linked.userId, linked.auth));
    headers.append("Set-Cookie", await pendingEidLinkCookie().serialize("", { maxAge: 0 }));
    return redirect(linked.redirectTo, { headers });
  },
});

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
      <DevMailboxHint show={devMailbox} />
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate className="stack">
        <CodeField label={t("code.label")} hint={t("code.hint")} error={errors?.code} />
        <button type="submit" className="button" disabled={busy}>
          {t("eid.linkSubmit")}
        </button>
      </Form>
    </div>
  );
}
