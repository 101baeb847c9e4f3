import { redirect, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Notice } from "~/components/forms";
import { RowAction } from "~/components/RowAction";
import { checkOutAtDesk, presenceList } from "~/modules/access/invitations.server";
import { formatDateTime } from "~/modules/access/time";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { DomainError } from "~/modules/platform/errors";
import { uuid } from "~/utils/ids";
import { actionOf, loaderOf } from "~/utils/kernel";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "present");
export const handle = { i18n: ["access"] };

const guard = (request: Request) => requireStaffCan(request, "access.presence");
const params = z.object({ id: uuid });

export const loader = loaderOf({ guard, params, run: ({ actor, params }) => presenceList(actor, params.id) });

export const action = actionOf({
  guard,
  params,
  body: z.object({ passId: uuid }),
  run: async ({ actor, params, body }) => {
    try {
      await checkOutAtDesk(actor, body.passId);
    } catch (err) {
      // Someone already gone (or checked out by a colleague) is simply no longer on the list.
      if (!(err instanceof DomainError) || err.code === "FORBIDDEN") throw err;
    }
    return redirect(`/werk/toegang/aanwezig/${params.id}?uitgecheckt=1`);
  },
});

export default function Presence() {
  const { t, i18n } = useTranslation("access");
  const { building, people, at } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="stack presence-list">
      {params.has("uitgecheckt") ? <Notice>{t("admin.checkedOut")}</Notice> : null}
      <p className="no-print">
        <Link to="/werk/toegang">{t("admin.title")}</Link>
      </p>
      <h1>{t("admin.presenceTitle", { building: building.name })}</h1>
      <p>
        {t("admin.presenceAt", { time: formatDateTime(new Date(at), i18n.language) })}. {t("admin.presenceCount", { count: people.length })}.
      </p>
      <p className="no-print">{t("admin.print")}</p>
      {people.length ? (
        <table className="case-table">
          <caption className="visually-hidden">{t("admin.presenceTitle", { building: building.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.colVisitor")}</th>
              <th scope="col">{t("admin.colOrganisation")}</th>
              <th scope="col">{t("admin.colHost")}</th>
              <th scope="col">{t("admin.colSince")}</th>
              <th scope="col" className="no-print">
                <span className="visually-hidden">{t("admin.checkout")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {people.map((p) => (
              <tr key={p.passId}>
                <td data-label={t("admin.colVisitor")}>{p.visitorName}</td>
                <td data-label={t("admin.colOrganisation")}>{p.visitorOrganisation ?? ""}</td>
                <td data-label={t("admin.colHost")}>{p.hostName}</td>
                <td data-label={t("admin.colSince")}>{p.since ? formatDateTime(new Date(p.since), i18n.language) : ""}</td>
                <td className="no-print">
                  <RowAction fields={{ passId: p.passId }} label={t("admin.checkoutLabel", { name: p.visitorName ?? "" })}>
                    {t("admin.checkout")}
                  </RowAction>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t("admin.nobody")}</p>
      )}
    </div>
  );
}
