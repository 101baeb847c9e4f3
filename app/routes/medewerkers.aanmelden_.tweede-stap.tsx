import { redirect, type MetaFunction } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useFormResult } from "~/components/useFormResult";
import { ErrorSummary, TextField } from "~/components/forms";
import { clearPendingStaffLogin, requirePendingStaffLogin } from "~/modules/identity/pending-login.server";
import { secondFactorSchema } from "~/modules/identity/schemas";
import { verifySecondFactor } from "~/modules/identity/second-factor.server";
import { staffPasswordAuth, startUserSession } from "~/modules/identity/sessions.server";
import { clientIp } from "~/utils/request.server";
import { actionOf, loaderOf } from "~/utils/kernel";
import { safeRedirect } from "~/utils/safe-redirect";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "staffSecondStep");

/** Only after a right password, in the same browser, within ten minutes. */
export const loader = loaderOf({
  guard: (request) => requirePendingStaffLogin(request, "second-factor"),
  run: () => null,
});

export const action = actionOf({
  guard: (request) => requirePendingStaffLogin(request, "second-factor"),
  body: secondFactorSchema,
  run: async ({ actor: pending, body, request, context }) => {
    const factor = await verifySecondFactor(pending.userId, body.code, clientIp(context));
    const headers = new Headers();
    headers.append("Set-Cookie", await startUserSession(request, pending.userId, staffPasswordAuth(factor)));
    headers.append("Set-Cookie", await clearPendingStaffLogin());
    return redirect(safeRedirect(pending.redirectTo, "/werk"), { headers });
  },
});

export default function SecondStep() {
  const { t } = useTranslation(["auth", "common"]);
  const { errors, busy } = useFormResult();
  return (
    <div className="stack narrow">
      <h1>{t("secondFactor.title")}</h1>
      <p>{t("secondFactor.intro")}</p>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate className="stack">
        <TextField
          name="code"
          label={t("secondFactor.label")}
          hint={t("secondFactor.hint")}
          autoComplete="one-time-code"
          spellCheck={false}
          autoCapitalize="characters"
          maxLength={40}
          error={errors?.code}
          required
        />
        <button type="submit" className="button" disabled={busy}>
          {t("secondFactor.submit")}
        </button>
      </Form>
      <p>{t("secondFactor.lostPhone")}</p>
    </div>
  );
}
