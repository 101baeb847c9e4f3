import { data, type HeadersFunction, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CodeField } from "~/components/CodeField";
import { RecoveryCodes, TotpSetup } from "~/components/SecondFactorSetup";
import { useFormResult } from "~/components/useFormResult";
import { ErrorSummary } from "~/components/forms";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { totpCodeSchema } from "~/modules/identity/schemas";
import { confirmTotpEnrolment, renewRecoveryCodes, secondFactorSettings } from "~/modules/identity/second-factor.server";
import { actionOf, INTENT_FIELD, loaderOf } from "~/utils/kernel";
import { clientIp } from "~/utils/request.server";
import { pageMeta } from "~/i18n/meta";

// The page shows the TOTP secret or the recovery codes: no cache may keep it.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export const meta: MetaFunction = (args) => pageMeta(args, "secondFactor");

/** A staff member's own second factor: its status, setting it up, new recovery codes. */
export const loader = loaderOf({
  guard: (request) => requireStaffCan(request, "workplace.view"),
  run: async ({ actor: user }) => {
    const { status, enrolment } = await secondFactorSettings(user.id);
    return {
      status: { enrolled: status.enrolled, recoveryCodesLeft: status.recoveryCodesLeft, required: status.required },
      enrolment: enrolment && { secret: enrolment.secret, qrDataUrl: enrolment.qrDataUrl },
      signedInWith: user.session?.secondFactor ?? null,
    };
  },
});

export const action = actionOf({
  guard: (request) => requireStaffCan(request, "workplace.view"),
  body: z.discriminatedUnion(INTENT_FIELD, [totpCodeSchema.extend({ _intent: z.literal("enrol") }), totpCodeSchema.extend({ _intent: z.literal("recovery-codes") })]),
  run: async ({ actor, body, context }) => {
    const recoveryCodes =
      body._intent === "recovery-codes" ? await renewRecoveryCodes(actor.id, body.code, clientIp(context)) : await confirmTotpEnrolment(actor.id, body.code, clientIp(context));
    return data({ ok: true as const, recoveryCodes });
  },
});

export default function SecondFactorSettings() {
  const { t } = useTranslation(["auth", "common"]);
  const { status, enrolment, signedInWith } = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  const { errors, intent, busy } = useFormResult();
  return (
    <div className="stack narrow">
      <p>
        <Link to="/werk">{t("account.back")}</Link>
      </p>
      <h1>{t("account.title")}</h1>
      <ErrorSummary errors={errors} />
      {done && "recoveryCodes" in done ? <RecoveryCodes codes={done.recoveryCodes} /> : null}
      {status.enrolled ? (
        <>
          <section className="card stack" aria-labelledby="twofa-status">
            <h2 id="twofa-status">{t("account.statusTitle")}</h2>
            <p>{t("account.on")}</p>
            <p>{signedInWith === "recovery-code" ? t("account.signedInWithRecovery") : signedInWith === "totp" ? t("account.signedInWithApp") : t("account.signedInWithout")}</p>
            <p>{t("account.recoveryLeft", { n: status.recoveryCodesLeft })}</p>
          </section>
          <section className="card stack" aria-labelledby="twofa-renew">
            <h2 id="twofa-renew">{t("account.renewTitle")}</h2>
            <p>{t("account.renewIntro")}</p>
            <Form method="post" noValidate className="stack">
              <input type="hidden" name={INTENT_FIELD} value="recovery-codes" />
              <CodeField label={t("enrol.codeLabel")} hint={t("enrol.codeHint")} error={intent === "recovery-codes" ? errors?.code : undefined} />
              <button type="submit" className="button button-secondary" disabled={busy}>
                {t("account.renewSubmit")}
              </button>
            </Form>
            <p>{t("account.lostPhone")}</p>
          </section>
        </>
      ) : enrolment ? (
        <section className="card stack" aria-labelledby="twofa-setup">
          <h2 id="twofa-setup">{t("account.offTitle")}</h2>
          <p>{status.required ? t("account.offRequired") : t("account.offOptional")}</p>
          <TotpSetup secret={enrolment.secret} qrDataUrl={enrolment.qrDataUrl} error={errors?.code} busy={busy} intent="enrol" />
        </section>
      ) : null}
    </div>
  );
}
