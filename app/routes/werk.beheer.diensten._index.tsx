import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/forms";
import { orHttpError } from "~/modules/cases/http.server";
import { listServiceConfigs } from "~/modules/cases/service-admin.server";
import { requireStaff } from "~/modules/identity/guards.server";

export const meta: MetaFunction = () => [{ title: "Diensten – Werkplek" }];
export const handle = { i18n: ["backoffice"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireStaff(request, "admin");
  return { services: await orHttpError(listServiceConfigs(actor)) };
}

export default function ServiceConfigs() {
  const { t } = useTranslation("backoffice");
  const { services } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="stack">
      {params.has("opgeslagen") ? <Notice>{t("admin.saved")}</Notice> : null}
      <h1>{t("admin.title")}</h1>
      <p>{t("admin.intro")}</p>
      <div className="table-scroll" role="region" aria-labelledby="svc-caption" tabIndex={0}>
        <table className="case-table">
          <caption id="svc-caption">{t("admin.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.service")}</th>
              <th scope="col">{t("admin.team")}</th>
              <th scope="col">{t("admin.statuses")}</th>
              <th scope="col">{t("admin.normDays")}</th>
            </tr>
          </thead>
          <tbody>
            {services.map((s) => (
              <tr key={s.slug}>
                <td>
                  <Link to={`/werk/beheer/diensten/${s.slug}`}>{s.title}</Link>
                </td>
                <td>{s.teamName ?? t("admin.noTeam")}</td>
                <td>{s.statuses}</td>
                <td>{s.normDays}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
