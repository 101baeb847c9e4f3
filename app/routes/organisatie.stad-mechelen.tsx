import type { MetaFunction } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { publicPageHeaders } from "~/utils/cache-headers";
import { pageMeta } from "~/i18n/meta";

export const headers = publicPageHeaders;

export const meta: MetaFunction = (args) => pageMeta(args, "organisationCity");

const CHANNELS = ["online", "loket", "telefoon"] as const;

/** The page a person reaches through the city's URI /id/organisatie/stad-mechelen. */
export default function Organisation() {
  const { t } = useTranslation();
  return (
    <div className="stack prose">
      <h1>{t("linkedData.organisation.title")}</h1>
      <p>{t("linkedData.organisation.intro")}</p>
      <h2 id="kanalen">{t("linkedData.organisation.channelsTitle")}</h2>
      <ul>
        {CHANNELS.map((c) => (
          <li key={c}>{t(`linkedData.channelTypes.${c}`)}</li>
        ))}
      </ul>
      <h2 id="begrippen">{t("linkedData.organisation.dataTitle")}</h2>
      <p>{t("linkedData.organisation.data")}</p>
      <ul>
        <li>
          <a href="/api/v1/catalog">{t("linkedData.organisation.catalogLink")}</a>
        </li>
        <li>
          <a href="/api/v1/open-data">{t("linkedData.organisation.openDataLink")}</a>
        </li>
      </ul>
    </div>
  );
}
