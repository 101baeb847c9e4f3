import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/modules/access/time";
import { listUnassigned } from "~/modules/cases/unassigned.server";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { loaderOf } from "~/utils/kernel";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "unassigned");
export const handle = { i18n: ["backoffice"] };

export const loader = loaderOf({
  guard: (request) => requireStaffCan(request, "cases.unassigned"),
  run: async ({ actor }) => {
    const list = await listUnassigned(actor);
    const iso = (d: Date | null) => d?.toISOString() ?? null;
    return { ...list, items: list.items.map((i) => ({ ...i, submittedAt: i.submittedAt.toISOString(), expectedBy: iso(i.expectedBy) })) };
  },
});

export default function Unassigned() {
  const { t, i18n } = useTranslation("backoffice");
  const { items, hours, truncated } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{t("unassigned.title")}</h1>
      <p>{t("unassigned.intro", { count: hours })}</p>
      {items.length ? (
        <table className="case-table">
          <caption>{t("unassigned.caption", { count: items.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("unassigned.colReference")}</th>
              <th scope="col">{t("unassigned.colService")}</th>
              <th scope="col">{t("unassigned.colTeam")}</th>
              <th scope="col">{t("unassigned.colSubmitted")}</th>
              <th scope="col">{t("unassigned.colDue")}</th>
              <th scope="col">{t("unassigned.colWhy")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.reference}>
                <td>
                  <Link to={`/werk/dossiers/${c.reference}`}>{c.reference}</Link>
                </td>
                <td>{c.serviceTitle}</td>
                <td>{c.teamName ?? t("unassigned.noTeamName")}</td>
                <td>{formatDateTime(new Date(c.submittedAt), i18n.language)}</td>
                <td>
                  {c.expectedBy ? formatDateTime(new Date(c.expectedBy), i18n.language) : "–"}
                  {c.overdue ? ` (${t("unassigned.overdue")})` : ""}
                </td>
                <td>{t(`unassigned.reason.${c.reason}`, { count: hours })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t("unassigned.none")}</p>
      )}
      {truncated ? <p>{t("unassigned.truncated")}</p> : null}
    </div>
  );
}
