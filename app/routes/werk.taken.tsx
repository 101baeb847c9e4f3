import { redirect, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Notice } from "~/components/forms";
import { completeTask, listDeskTasks } from "~/modules/cases/tasks.server";
import { casesFiledBy } from "~/modules/contacts/intake.server";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { getLanguage } from "~/utils/i18next.server";
import { brusselsFormat } from "~/utils/brussels-format";
import { uuid } from "~/utils/ids";
import { actionOf, loaderOf } from "~/utils/kernel";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "tasks");
export const handle = { i18n: ["backoffice", "cases"] };

const guard = (request: Request) => requireStaffCan(request, "residents.serve");

export const loader = loaderOf({
  guard,
  run: async ({ actor, request }) => {
    const [tasks, filed] = await Promise.all([listDeskTasks(actor), casesFiledBy(actor, await getLanguage(request))]);
    const now = Date.now();
    return {
      tasks: tasks.map((t) => ({
        ...t,
        dueAt: t.dueAt?.toISOString() ?? null,
        createdAt: t.createdAt.toISOString(),
        overdue: !!t.dueAt && t.dueAt.getTime() < now,
        mine: t.assigneeId === actor.id,
      })),
      filed: filed.map((c) => ({ ...c, lastChangeAt: c.lastChangeAt.toISOString(), closed: !!c.closedAt })),
      done: new URL(request.url).searchParams.has("gedaan"),
    };
  },
});

export const action = actionOf({
  guard,
  body: z.object({ taskId: uuid }),
  run: async ({ actor, body }) => {
    await completeTask(actor, body.taskId);
    return redirect("/werk/taken?gedaan#melding");
  },
});

export default function DeskTasks() {
  const { t, i18n } = useTranslation("backoffice");
  const d = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "submitting";
  const date = brusselsFormat(i18n.language, "date");
  const overdue = d.tasks.filter((x) => x.overdue).length;
  return (
    <div className="stack">
      <h1>{t("desk.title")}</h1>
      <div id="melding">{d.done ? <Notice>{t("desk.marked")}</Notice> : null}</div>
      <p>{t("desk.intro", { count: d.tasks.length, overdue })}</p>
      {d.tasks.length ? (
        <ol className="card-list" aria-label={t("desk.listLabel")}>
          {d.tasks.map((task) => (
            <li key={task.id} className={`card${task.overdue ? " card-action" : ""}`}>
              <h2 className="h-small">
                {t(`tasks.kinds.${task.kind}`)} {task.overdue ? <span className="badge badge-late">{t("queue.lateBadge")}</span> : null}
              </h2>
              <p>
                <Link to={`/werk/dossiers/${task.reference}`}>{task.reference}</Link> · {task.serviceTitle}
              </p>
              <dl className="summary-list">
                <div className="summary-row">
                  <dt>{t("desk.resident")}</dt>
                  <dd>
                    {task.residentName} · {task.residentPhone ?? "—"} · {task.residentEmail ?? "—"}
                  </dd>
                </div>
                <div className="summary-row">
                  <dt>{t("desk.due")}</dt>
                  <dd>{task.dueAt ? date.format(new Date(task.dueAt)) : t("desk.noDue")}</dd>
                </div>
                {typeof task.data.notice === "string" ? (
                  <div className="summary-row">
                    <dt>{t("desk.about")}</dt>
                    <dd>{t(`desk.notice.${task.data.notice}`, { defaultValue: task.data.notice })}</dd>
                  </div>
                ) : null}
                <div className="summary-row">
                  <dt>{t("desk.for")}</dt>
                  <dd>{task.mine ? t("desk.forMe") : t("tasks.anyone")}</dd>
                </div>
                {task.createdByName ? (
                  <div className="summary-row">
                    <dt>{t("desk.askedBy")}</dt>
                    <dd>{task.createdByName}</dd>
                  </div>
                ) : null}
              </dl>
              {task.note ? <p className="pre-line">{task.note}</p> : null}
              <Form method="post">
                <input type="hidden" name="taskId" value={task.id} />
                <button
                  type="submit"
                  className="button button-secondary"
                  disabled={busy}
                  aria-label={t("desk.markDoneLabel", { task: t(`tasks.kinds.${task.kind}`), reference: task.reference })}
                >
                  {t("desk.markDone")}
                </button>
              </Form>
            </li>
          ))}
        </ol>
      ) : (
        <p>{t("desk.none")}</p>
      )}

      <section className="card" aria-labelledby="filed-title">
        <h2 id="filed-title">{t("desk.filedTitle")}</h2>
        {d.filed.length ? (
          <div className="table-scroll" role="region" aria-labelledby="filed-caption" tabIndex={0}>
            <table className="case-table">
              <caption id="filed-caption" className="visually-hidden">
                {t("desk.filedCaption")}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("queue.colReference")}</th>
                  <th scope="col">{t("desk.resident")}</th>
                  <th scope="col">{t("queue.colService")}</th>
                  <th scope="col">{t("queue.colStatus")}</th>
                  <th scope="col">{t("desk.lastChange")}</th>
                </tr>
              </thead>
              <tbody>
                {d.filed.map((c) => (
                  <tr key={c.reference}>
                    <td>
                      <Link to={`/werk/dossiers/${c.reference}`}>{c.reference}</Link>
                    </td>
                    <td>{c.residentName}</td>
                    <td>{c.serviceTitle}</td>
                    <td>
                      {c.statusText}
                      {c.waiting ? (
                        <div>
                          <span className="badge badge-waiting">{t("queue.waitingBadge")}</span>
                        </div>
                      ) : null}
                    </td>
                    <td>{date.format(new Date(c.lastChangeAt))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t("desk.noneFiled")}</p>
        )}
      </section>
    </div>
  );
}
