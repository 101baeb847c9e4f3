import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listOnlineServices } from "~/modules/cases/requests.server";
import { anyone, loaderOf } from "~/utils/kernel";
import { pageMeta } from "~/i18n/meta";
import { InLanguage } from "~/components/InLanguage";
import { serviceLabel } from "~/modules/catalog/localize";

export const meta: MetaFunction = (args) => pageMeta(args, "requestList");

export const loader = loaderOf({ guard: anyone, run: async () => ({ services: await listOnlineServices() }) });

export default function Requests() {
  const { t, i18n } = useTranslation("cases");
  const { services } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{t("list.title")}</h1>
      <p>{t("list.intro")}</p>
      <ul className="card-list">
        {services.map((s) => (
          <li key={s.slug} className="card">
            <h2>
              <Link to={`/aanvragen/${s.slug}`}>
                <InLanguage {...serviceLabel(s, i18n.language).title} />
              </Link>
            </h2>
            {s.summary ? (
              <p>
                <InLanguage {...serviceLabel(s, i18n.language).summary!} />
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      <p>{t("list.counter")}</p>
    </div>
  );
}
