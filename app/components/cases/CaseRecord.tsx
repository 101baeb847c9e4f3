import { useTranslation } from "react-i18next";
import { CaseMessageList } from "~/components/CaseMessages";
import { AnswerText } from "~/components/RequestForm";
import { pick } from "~/modules/cases/definitions";
import { brusselsFormat } from "~/utils/brussels-format";
import type { CaseView } from "./types";

/** What the case holds: the messages with the resident, the answers of the request and the front-office tasks. */
export function CaseRecord({ d }: { d: CaseView }) {
  const { t, i18n } = useTranslation("backoffice");
  const lng = i18n.language;
  const date = brusselsFormat(lng, "longDate");
  const dateTime = brusselsFormat(lng, "dateTime");
  const fileHref = (id: string) => `/werk/dossiers/${d.reference}/bestanden/${id}`;
  return (
    <>
      <section className="card" aria-labelledby="messages-title">
        <h2 id="messages-title">{t("case.messagesTitle")}</h2>
        {d.messages.length === 0 ? <p>{t("case.noMessages")}</p> : null}
        <CaseMessageList
          messages={d.messages}
          sender={(fromStaff) => (fromStaff ? t("case.fromTeam") : t("case.fromResident"))}
          kindLabel={(kind) => (kind === "question" ? t("case.question") : kind === "answer" ? t("case.answer") : undefined)}
          downloadLabel={(name) => t("case.download", { name })}
          fileHref={fileHref}
          formatDate={(at) => dateTime.format(at)}
        />
      </section>

      <section className="card" aria-labelledby="answers-title">
        <h2 id="answers-title">{t("case.answersTitle")}</h2>
        <dl className="summary-list">
          {d.steps
            .flatMap((s) => s.fields)
            .map((f) => (
              <div key={f.name} className="summary-row">
                <dt>{pick(f.label, lng)}</dt>
                <dd>
                  <AnswerText field={f} value={d.answers[f.name]} fileHref={fileHref} />
                </dd>
              </div>
            ))}
        </dl>
      </section>

      <section className="card" aria-labelledby="tasks-title">
        <h2 id="tasks-title">{t("tasks.caseTitle")}</h2>
        {d.tasks.length ? (
          <ul>
            {d.tasks.map((task) => (
              <li key={task.id}>
                <strong>{t(`tasks.kinds.${task.kind}`)}</strong>
                {task.assigneeName ? ` · ${task.assigneeName}` : ` · ${t("tasks.anyone")}`}
                {task.dueAt ? ` · ${t("tasks.dueOn", { date: date.format(new Date(task.dueAt)) })}` : ""}
                {" · "}
                {task.doneAt ? t("tasks.doneOn", { date: date.format(new Date(task.doneAt)) }) : t("tasks.open")}
                {task.note ? <p className="pre-line">{task.note}</p> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("tasks.noneForCase")}</p>
        )}
      </section>
    </>
  );
}
