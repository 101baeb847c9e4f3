import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listOnlineServices } from "~/modules/cases/requests.server";
import { anyone, loaderOf } from "~/utils/kernel";

export const meta: MetaFunction = () => [{ title: "Online aanvragen – Digitaal Huis van de Mechelaar" }];

export const loader = loaderOf({ guard: anyone, run: async () => ({ services: await listOnlineServices() }) });

export default function Requests() {
  const { t } = useTranslation("cases");
  const { services } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{t("list.title")}</h1>
      <p>{t("list.intro")}</p>
      <ul className="card-list">
        {services.map((s) => (
          <li key={s.slug} className="card">
            <h2>
              <Link to={`/aanvragen/${s.slug}`}>{s.title}</Link>
            </h2>
            <p>{s.summary}</p>
          </li>
        ))}
      </ul>
      <p>{t("list.counter")}</p>
    </div>
  );
}
