import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/forms";
import { listMyInvitations, recentArrivals } from "~/modules/access/invitations.server";
import { formatDateTime } from "~/modules/access/time";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { loaderOf } from "~/utils/kernel";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "visitors");
export const handle = { i18n: ["access"] };

export const loader = loaderOf({
  guard: (request) => requireStaffCan(request, "visitors.host"),
  run: async ({ actor }) => {
    const [invitations, arrivals] = await Promise.all([listMyInvitations(actor), recentArrivals(actor)]);
    return { invitations, arrivals };
  },
});

export default function Visitors() {
  const { t, i18n } = useTranslation("access");
  const { invitations, arrivals } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const when = (d: string | Date | null) => (d ? formatDateTime(new Date(d), i18n.language) : "");
  return (
    <div className="stack">
      {params.has("verstuurd") ? <Notice>{t("hosts.saved")}</Notice> : null}
      <h1>{t("hosts.title")}</h1>
      <p>{t("hosts.intro")}</p>
      <p>
        <Link className="button" to="/werk/bezoekers/nieuw">
          {t("hosts.new")}
        </Link>{" "}
        <Link to="/werk/bezoekers/binnenlopers">{t("walkIns.link")}</Link>
      </p>
      <section aria-labelledby="arrivals-title" className="card">
        <h2 id="arrivals-title">{t("hosts.arrivals")}</h2>
        {arrivals.length ? (
          <ul data-testid="arrivals">
            {arrivals.map((a, i) => (
              <li key={i}>
                {when(a.at)}: <strong>{a.visitorName ?? "—"}</strong>, {a.buildingName}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("hosts.noArrivals")}</p>
        )}
      </section>
      <h2>{t("hosts.list")}</h2>
      {invitations.length ? (
        <div className="table-scroll" role="region" aria-labelledby="inv-caption" tabIndex={0}>
          <table>
            <caption id="inv-caption" className="visually-hidden">
              {t("hosts.list")}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("hosts.colWhen")}</th>
                <th scope="col">{t("hosts.colPurpose")}</th>
                <th scope="col">{t("hosts.colBuilding")}</th>
                <th scope="col">{t("hosts.colPasses")}</th>
                <th scope="col">{t("hosts.colInside")}</th>
                <th scope="col">{t("hosts.colStatus")}</th>
              </tr>
            </thead>
            <tbody>
              {invitations.map((inv) => (
                <tr key={inv.id}>
                  <td>{when(inv.firstFrom)}</td>
                  <td>
                    <Link to={`/werk/bezoekers/${inv.id}`}>{inv.purpose}</Link>
                  </td>
                  <td>{inv.buildingName}</td>
                  <td>{inv.passes}</td>
                  <td>{inv.inside}</td>
                  <td>{inv.revokedAt ? t("hosts.revoked") : t("hosts.active")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t("hosts.none")}</p>
      )}
    </div>
  );
}
