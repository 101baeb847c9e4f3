import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorSummary, Notice } from "~/components/forms";
import { useFormResult } from "~/components/useFormResult";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { listFailedMail, retryAllFailedMail, retryFailedMail } from "~/modules/notify/failed-mail.server";
import { brusselsFormat } from "~/utils/brussels-format";
import { formValues } from "~/utils/forms";
import { readFormOrRefuse, domainErrorResponse } from "~/utils/kernel";
import { TableScroll } from "~/components/TableScroll";

export const meta: MetaFunction = () => [{ title: "E-mails – Digitaal Huis van de Mechelaar" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaffCan(request, "admin.manage");
  return listFailedMail();
}

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("retry"), id: z.string().uuid() }),
  z.object({ intent: z.literal("retryAll") }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireStaffCan(request, "admin.manage");
  const values = formValues(await readFormOrRefuse(request));
  const parsed = actionSchema.safeParse(values);
  if (!parsed.success) return data({ ok: false as const, errors: { _form: "common:errors.invalid" }, values }, { status: 400 });
  try {
    if (parsed.data.intent === "retry") {
      await retryFailedMail(actor, parsed.data.id);
      return redirect("/werk/beheer/e-mails?opnieuw=1");
    }
    const count = await retryAllFailedMail(actor);
    return redirect(`/werk/beheer/e-mails?opnieuw=${count}`);
  } catch (err) {
    return domainErrorResponse(err, values);
  }
}

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
            <input type="hidden" name="intent" value="retryAll" />
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
                      <Form method="post">
                        <input type="hidden" name="intent" value="retry" />
                        <input type="hidden" name="id" value={m.id} />
                        <button type="submit" className="button button-secondary" aria-label={t("mails.retryOne", { recipient: m.recipient })}>
                          {t("mails.retry")}
                        </button>
                      </Form>
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
