import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The page after a failed staff single sign-on: what went wrong, and the ways on. */
export function StaffSsoFailure({ messageKey }: { messageKey: string }) {
  const { t } = useTranslation("auth");
  return (
    <div className="stack narrow">
      <h1>{t("staffSso.failedTitle")}</h1>
      <p role="alert">{t(messageKey)}</p>
      <p>
        <a className="button" href="/medewerkers/aanmelden/stad">
          {t("staffSso.tryAgain")}
        </a>
      </p>
      <p>
        <Link to="/medewerkers/aanmelden">{t("staffSso.orPassword")}</Link>
      </p>
    </div>
  );
}
