import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/forms";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { listStaff } from "~/modules/identity/staff.server";
import { loaderOf } from "~/utils/kernel";

export const meta: MetaFunction = () => [{ title: "Medewerkers – Digitaal Huis van de Mechelaar" }];

export const loader = loaderOf({
  guard: (request) => requireStaffCan(request, "admin.manage"),
  run: async ({ actor }) => ({ staff: await listStaff(actor) }),
});

export default function StaffList() {
  const { t } = useTranslation(["admin", "common"]);
  const { staff } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="stack">
      {params.has("opgeslagen") ? <Notice>{t("staff.saved")}</Notice> : null}
      <h1>{t("staff.title")}</h1>
      <p className="actions">
        <Link className="button" to="/werk/beheer/medewerkers/nieuw">
          {t("staff.add")}
        </Link>
        <Link to="/werk/beheer/teams">{t("teams.title")}</Link>
      </p>
      <div className="table-scroll" role="region" aria-labelledby="staff-caption" tabIndex={0}>
        <table>
          <caption id="staff-caption">{t("staff.caption", { count: staff.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("staff.name")}</th>
              <th scope="col">{t("staff.email")}</th>
              <th scope="col">{t("staff.roles")}</th>
              <th scope="col">{t("staff.teams")}</th>
              <th scope="col">{t("staff.status")}</th>
            </tr>
          </thead>
          <tbody>
            {staff.map((s) => (
              <tr key={s.id}>
                <td>
                  <Link to={`/werk/beheer/medewerkers/${s.id}`}>{s.name}</Link>
                </td>
                <td>{s.email}</td>
                <td>{s.roles.map((r) => t(`roles.${r}`)).join(", ")}</td>
                <td>{s.teams.join(", ") || "–"}</td>
                <td>{s.active ? t("staff.active") : t("staff.inactive")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
