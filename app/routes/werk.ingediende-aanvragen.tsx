import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/modules/access/time";
import { casesFiledBy } from "~/modules/contacts/intake.server";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { getLanguage } from "~/utils/i18next.server";
import { loaderOf } from "~/utils/kernel";

export const meta: MetaFunction = () => [{ title: "Aanvragen die ik indiende – Digitaal Huis van de Mechelaar" }];
export const handle = { i18n: ["contacts"] };

export const loader = loaderOf({
  guard: (request) => requireStaffCan(request, "residents.serve"),
  run: async ({ actor, request }) => ({ cases: await casesFiledBy(actor, await getLanguage(request)) }),
});

export default function FiledCases() {
  const { t, i18n } = useTranslation("contacts");
  const { cases } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{t("filed.title")}</h1>
      <p>{t("filed.intro")}</p>
      {cases.length ? (
        <table className="case-table">
          <caption>{t("filed.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("filed.colReference")}</th>
              <th scope="col">{t("filed.colService")}</th>
              <th scope="col">{t("filed.colResident")}</th>
              <th scope="col">{t("filed.colChannel")}</th>
              <th scope="col">{t("filed.colStatus")}</th>
              <th scope="col">{t("filed.colLastChange")}</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((c) => (
              <tr key={c.reference}>
                <td>{c.reference}</td>
                <td>{c.serviceTitle}</td>
                <td>
                  <Link to={`/werk/bewoners/${c.residentId}`}>{c.residentName}</Link>
                </td>
                <td>{t(`channels.${c.channel}`)}</td>
                <td>
                  {c.statusText}
                  {c.waiting ? ` (${t("filed.waiting")})` : c.closedAt ? ` (${t("filed.closed")})` : ""}
                </td>
                <td>{formatDateTime(new Date(c.lastChangeAt), i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t("filed.none")}</p>
      )}
    </div>
  );
}
