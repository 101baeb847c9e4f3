import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The page after a failed itsme/eID login: what went wrong in plain words, and the ways on. */
export function EidFailure({ messageKey, redirectTo }: { messageKey: string; redirectTo: string }) {
  const { t } = useTranslation("auth");
  return (
    <div className="stack narrow">
      <h1>{t("eid.failedTitle")}</h1>
      <p role="alert">{t(messageKey)}</p>
      <p>
        <a className="button" href={`/aanmelden/eid?redirectTo=${encodeURIComponent(redirectTo)}`}>
          {t("eid.tryAgain")}
        </a>
      </p>
      <p>
        <Link to={`/aanmelden?redirectTo=${encodeURIComponent(redirectTo)}`}>{t("eid.orCode")}</Link>
      </p>
    </div>
  );
}
