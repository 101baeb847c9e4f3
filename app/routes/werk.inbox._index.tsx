import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { brusselsTime } from "~/modules/contacts/format";
import { listInbox } from "~/modules/contacts/inbox.server";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { loaderOf } from "~/utils/kernel";
import { pageMeta } from "~/i18n/meta";
import { TableScroll } from "~/components/TableScroll";

export const meta: MetaFunction = (args) => pageMeta(args, "inbox");
export const handle = { i18n: ["inbox"] };

export const loader = loaderOf({
  guard: (request) => requireStaffCan(request, "residents.serve"),
  run: async ({ actor }) => {
    const threads = await listInbox(actor);
    return { threads: threads.map((th) => ({ ...th, lastAt: th.lastAt.toISOString() })) };
  },
});

export default function Inbox() {
  const { t, i18n } = useTranslation("inbox");
  const { threads } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      {threads.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <TableScroll labelledBy="inbox-caption">
          <table>
            <caption id="inbox-caption" className="visually-hidden">
              {t("caption")}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("columns.status")}</th>
                <th scope="col">{t("columns.subject")}</th>
                <th scope="col">{t("columns.from")}</th>
                <th scope="col">{t("columns.last")}</th>
                <th scope="col">{t("columns.messages")}</th>
              </tr>
            </thead>
            <tbody>
              {threads.map((th) => (
                <tr key={th.threadId}>
                  <td>{th.open ? <strong>{t("status.open")}</strong> : t("status.handled")}</td>
                  <td>
                    <Link to={`/werk/inbox/${th.threadId}`}>{th.subject}</Link>
                  </td>
                  <td>{th.residentName ? `${th.residentName} (${th.from})` : `${th.from} – ${t("unknownSender")}`}</td>
                  <td>{brusselsTime(th.lastAt, i18n.language)}</td>
                  <td>{th.messages}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}
