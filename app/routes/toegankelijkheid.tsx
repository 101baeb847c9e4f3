import type { MetaFunction } from "@remix-run/node";
import { publicPageHeaders } from "~/utils/cache-headers";
import { useTranslation } from "react-i18next";
import { pageMeta } from "~/i18n/meta";

export const headers = publicPageHeaders;

export const meta: MetaFunction = (args) => pageMeta(args, "accessibility");

export default function Accessibility() {
  const { t } = useTranslation();
  return (
    <div className="stack prose">
      <h1>{t("accessibility.title")}</h1>
      <p>{t("accessibility.intro")}</p>
      <h2>{t("accessibility.statusTitle")}</h2>
      <p>{t("accessibility.status")}</p>
      <h2>{t("accessibility.howTitle")}</h2>
      <ul>
        <li>{t("accessibility.howKeyboard")}</li>
        <li>{t("accessibility.howNoJs")}</li>
        <li>{t("accessibility.howLanguages")}</li>
        <li>{t("accessibility.howTested")}</li>
      </ul>
      <h2>{t("accessibility.problemTitle")}</h2>
      <p>{t("accessibility.problem")}</p>
    </div>
  );
}
