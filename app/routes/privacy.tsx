import type { MetaFunction } from "@remix-run/node";
import { publicPageHeaders } from "~/utils/cache-headers";
import { useTranslation } from "react-i18next";
import { pageMeta } from "~/i18n/meta";

export const headers = publicPageHeaders;

export const meta: MetaFunction = (args) => pageMeta(args, "privacy");

export default function Privacy() {
  const { t } = useTranslation();
  return (
    <div className="stack prose">
      <h1>{t("privacy.title")}</h1>
      <p>{t("privacy.intro")}</p>
      <h2>{t("privacy.whatTitle")}</h2>
      <ul>
        <li>{t("privacy.whatAccount")}</li>
        <li>{t("privacy.whatSession")}</li>
        <li>{t("privacy.whatLanguage")}</li>
      </ul>
      <h2>{t("privacy.accessTitle")}</h2>
      <p>{t("privacy.access")}</p>
      <h2>{t("privacy.questionsTitle")}</h2>
      <p>{t("privacy.questions")}</p>
    </div>
  );
}
