import { data, type HeadersFunction, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RecoveryCodes, TotpSetup } from "~/components/SecondFactorSetup";
import { useFormResult } from "~/components/useFormResult";
import { ErrorSummary } from "~/components/forms";
import { clearPendingStaffLogin, requirePendingStaffLogin } from "~/modules/identity/pending-login.server";
import { totpCodeSchema } from "~/modules/identity/schemas";
import { confirmTotpEnrolment, startTotpEnrolment } from "~/modules/identity/second-factor.server";
import { staffPasswordAuth, startUserSession } from "~/modules/identity/sessions.server";
import { DomainError } from "~/modules/platform/errors";
import { clientIp } from "~/utils/request.server";
import { actionOf, loaderOf } from "~/utils/kernel";
import { safeRedirect } from "~/utils/safe-redirect";
import { pageMeta } from "~/i18n/meta";

// The page shows the TOTP secret or the recovery codes: no cache may keep it.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export const meta: MetaFunction = (args) => pageMeta(args, "staffSecondFactorSetup");

/** A staff member who must have a second factor sets it up right after the password, before any rights. */
export const loader = loaderOf({
  guard: (request) => requirePendingStaffLogin(request, "enrol"),
  run: async ({ actor: pending }) => {
    try {
      const { secret, qrDataUrl } = await startTotpEnrolment(pending.userId);
      return { enrolment: { secret, qrDataUrl } };
    } catch (err) {
      // Already set up (just now, by this page's own action, or in another tab).
      if (err instanceof DomainError && err.code === "CONFLICT") return { enrolment: null };
      throw err;
    }
  },
});

// The recovery codes are in the action's answer; reloading the loader after it would lose them.
export const shouldRevalidate = () => false;

export const action = actionOf({
  guard: (request) => requirePendingStaffLogin(request, "enrol"),
  body: totpCodeSchema,
  run: async ({ actor: pending, body, request, context }) => {
    const recoveryCodes = await confirmTotpEnrolment(pending.userId, body.code, clientIp(context));
    const headers = new Headers();
    headers.append("Set-Cookie", await startUserSession(request, pending.userId, staffPasswordAuth("totp")));
    headers.append("Set-Cookie", await clearPendingStaffLogin());
    return data({ ok: true as const, recoveryCodes, continueTo: safeRedirect(pending.redirectTo, "/werk") }, { headers });
  },
});

export default function EnrolAtLogin() {
  const { t } = useTranslation(["auth", "common"]);
  const { enrolment } = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  const { errors, busy } = useFormResult();
  if (done && "recoveryCodes" in done) {
    return (
      <div className="stack narrow">
        <h1>{t("enrol.doneTitle")}</h1>
        <RecoveryCodes codes={done.recoveryCodes} continueTo={done.continueTo} />
      </div>
    );
  }
  return (
    <div className="stack narrow">
      <h1>{t("enrol.title")}</h1>
      <p>{t("enrol.requiredIntro")}</p>
      <ErrorSummary errors={errors} />
      {enrolment ? (
        <TotpSetup secret={enrolment.secret} qrDataUrl={enrolment.qrDataUrl} error={errors?.code} busy={busy} />
      ) : (
        <p>
          {t("enrol.alreadySet")} <Link to="/medewerkers/aanmelden">{t("enrol.toLogin")}</Link>
        </p>
      )}
    </div>
  );
}
