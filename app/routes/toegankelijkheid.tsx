import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { accessibilityStatement } from "~/modules/platform/accessibility.server";
import { publicPageHeaders } from "~/utils/cache-headers";
import { anyone, loaderOf } from "~/utils/kernel";
import { pageMeta } from "~/i18n/meta";

export const headers = publicPageHeaders;

export const meta: MetaFunction = (args) => pageMeta(args, "accessibility");

export const loader = loaderOf({ guard: anyone, run: () => accessibilityStatement() });

const LIMITS = ["uploads", "qr", "manual"] as const;

/** The accessibility statement in the EU model (Implementing Decision (EU) 2018/1523). */
export default function Accessibility() {
  const s = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const day = (iso: string) =>
    new Intl.DateTimeFormat(i18n.language === "nl" ? "nl-BE" : i18n.language === "fr" ? "fr-BE" : "en-GB", { dateStyle: "long", timeZone: "UTC" }).format(new Date(iso));
  return (
    <div className="stack prose">
      <h1>{t("accessibility.title")}</h1>
      <p>{t("accessibility.intro")}</p>
      <p>{t("accessibility.scope")}</p>
      <h2>{t("accessibility.statusTitle")}</h2>
      <p>{t("accessibility.status")}</p>
      <h2>{t("accessibility.limitsTitle")}</h2>
      <p>{t("accessibility.limitsIntro")}</p>
      <ul>
        {LIMITS.map((l) => (
          <li key={l}>
            <strong>{t(`accessibility.limits.${l}.what`)}</strong> {t(`accessibility.limits.${l}.why`)}
          </li>
        ))}
      </ul>
      <h2>{t("accessibility.howTitle")}</h2>
      <ul>
        <li>{t("accessibility.howKeyboard")}</li>
        <li>{t("accessibility.howNoJs")}</li>
        <li>{t("accessibility.howLanguages")}</li>
        <li>{t("accessibility.howTested")}</li>
      </ul>
      <h2>{t("accessibility.preparedTitle")}</h2>
      <p>{t("accessibility.prepared", { date: day(s.prepared) })}</p>
      <p>{t("accessibility.reviewed", { date: day(s.reviewed) })}</p>
      <h2>{t("accessibility.feedbackTitle")}</h2>
      <p>{t("accessibility.feedback")}</p>
      <ul>
        <li>
          {t("accessibility.feedbackEmail")} <a href={`mailto:${s.email}`}>{s.email}</a>
        </li>
        <li>
          {t("accessibility.feedbackPhone")} <a href={`tel:${s.phone.replace(/[^+\d]/g, "")}`}>{s.phone}</a>
        </li>
        <li>
          <a href={s.feedbackFormPath}>{t("accessibility.feedbackForm")}</a> {t("accessibility.feedbackFormLogin")}
        </li>
        <li>{t("accessibility.feedbackCounter")}</li>
      </ul>
      <h2>{t("accessibility.enforcementTitle")}</h2>
      <p>{t("accessibility.enforcement")}</p>
      <p>
        <a href={s.ombudsmanUrl}>{t("accessibility.ombudsmanLink")}</a>
      </p>
    </div>
  );
}
