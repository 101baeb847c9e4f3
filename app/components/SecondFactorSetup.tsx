import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CodeField } from "~/components/CodeField";
import { INTENT_FIELD } from "~/utils/intent";

/**
 * Setting up the authenticator app: the QR code (a data: URL image, so it needs no JavaScript
 * and fits the CSP), the same secret as text for apps that cannot scan, and the first code.
 */
export function TotpSetup({ secret, qrDataUrl, error, busy, intent }: { secret: string; qrDataUrl: string; error?: string; busy: boolean; intent?: string }) {
  const { t } = useTranslation("auth");
  const grouped = secret.replace(/(.{4})/g, "$1 ").trim();
  return (
    <div className="stack">
      <ol className="stack">
        <li>{t("enrol.stepApp")}</li>
        <li>
          <p>{t("enrol.stepScan")}</p>
          <img src={qrDataUrl} alt={t("enrol.qrAlt")} width={240} height={240} />
          <p>
            {t("enrol.secretLabel")} <code className="totp-secret">{grouped}</code>
          </p>
        </li>
        <li>{t("enrol.stepCode")}</li>
      </ol>
      <Form method="post" noValidate className="stack">
        {intent ? <input type="hidden" name={INTENT_FIELD} value={intent} /> : null}
        <CodeField label={t("enrol.codeLabel")} hint={t("enrol.codeHint")} error={error} />
        <button type="submit" className="button" disabled={busy}>
          {t("enrol.submit")}
        </button>
      </Form>
    </div>
  );
}

/** The recovery codes, shown this one time only. */
export function RecoveryCodes({ codes, continueTo }: { codes: string[]; continueTo?: string }) {
  const { t } = useTranslation("auth");
  return (
    <section className="card stack" aria-labelledby="recovery-title">
      <h2 id="recovery-title">{t("recovery.title")}</h2>
      <p>{t("recovery.intro", { n: codes.length })}</p>
      <ul className="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <p>{t("recovery.once")}</p>
      {continueTo ? (
        <p>
          <Link to={continueTo} className="button">
            {t("recovery.continue")}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
