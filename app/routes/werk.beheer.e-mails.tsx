import { redirect, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorSummary, Notice } from "~/components/forms";
import { RowAction } from "~/components/RowAction";
import { useFormResult } from "~/components/useFormResult";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { listFailedMail, retryAllFailedMail, retryFailedMail } from "~/modules/notify/failed-mail.server";
import { brusselsFormat } from "~/utils/brussels-format";
import { uuid } from "~/utils/ids";
import { actionOf, INTENT_FIELD, loaderOf } from "~/utils/kernel";
import { TableScroll } from "~/components/TableScroll";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "failedMails");

export const loader = loaderOf({
  guard: (request) => requireStaffCan(request, "admin.manage"),
  run: () => listFailedMail(),
});

export const action = actionOf({
  guard: (request) => requireStaffCan(request, "admin.manage"),
  body: z.discriminatedUnion(INTENT_FIELD, [z.object({ _intent: z.literal("retry"), id: uuid }), z.object({ _intent: z.literal("retryAll") })]),
  run: async ({ actor, body }) => {
    if (body._intent === "retry") {
      await retryFailedMail(actor, body.id);
      return redirect("/werk/beheer/e-mails?opnieuw=1");
    }
    const count = await retryAllFailedMail(actor);
    return redirect(`/werk/beheer/e-mails?opnieuw=${count}`);
  },
});

export default function FailedMails() {
  const { t, i18n } = useTranslation("admin");
  const { mails, total } = useLoaderData<typeof loader>();
  const { errors } = useFormResult();
  const [params] = useSearchParams();
  const requeued = Number(params.get("opnieuw") ?? NaN);
  const when = brusselsFormat(i18n.language ?? "nl", "dateTime");
  return (
    <div className="stack">
      {Number.isInteger(requeued) && requeued >= 0 ? <Notice>{t("mails.requeued", { count: requeued })}</Notice> : null}
      <h1>{t("mails.title")}</h1>
      <p>{t("mails.intro")}</p>
      <ErrorSummary errors={errors} />
      {mails.length === 0 ? (
        <p>{t("mails.none")}</p>
      ) : (
        <>
          <Form method="post">
            <input type="hidden" name={INTENT_FIELD} value="retryAll" />
            <button type="submit" className="button">
              {t("mails.retryAll", { count: total })}
            </button>
          </Form>
          <TableScroll labelledBy="mails-caption">
            <table>
              <caption id="mails-caption">{t("mails.caption", { count: total })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("mails.recipient")}</th>
                  <th scope="col">{t("mails.kind")}</th>
                  <th scope="col">{t("mails.reason")}</th>
                  <th scope="col">{t("mails.queuedAt")}</th>
                  <th scope="col">{t("mails.attempts")}</th>
                  <th scope="col">{t("mails.action")}</th>
                </tr>
              </thead>
              <tbody>
                {mails.map((m) => (
                  <tr key={m.id}>
                    <td>{m.recipient}</td>
                    <td>
                      <code>{m.template}</code>
                    </td>
                    <td>{m.reason || t("mails.noReason")}</td>
                    <td>{when.format(new Date(m.queuedAt))}</td>
                    <td>{m.attempts}</td>
                    <td>
                      <RowAction intent="retry" fields={{ id: m.id }} label={t("mails.retryOne", { recipient: m.recipient })} buttonClassName="button button-secondary">
                        {t("mails.retry")}
                      </RowAction>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </div>
  );
}
