import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { pick, type Text3 } from "~/modules/cases/definitions";
import { brusselsFormat } from "~/utils/brussels-format";
import type { CaseView } from "./types";

/** The top of the case page: the state, the due date and the next step (with the claim button when it is the step). */
export function CaseState({ d, statusLabel, busy }: { d: CaseView; statusLabel: (key: unknown) => string; busy: boolean }) {
  const { t, i18n } = useTranslation("backoffice");
  const date = brusselsFormat(i18n.language, "longDate");
  const dateTime = brusselsFormat(i18n.language, "dateTime");
  const mayClaim = d.canEdit && d.assigneeId !== d.me;
  return (
    <section className="card case-state" aria-labelledby="state-title">
      <h2 id="state-title">{t("case.stateTitle")}</h2>
      <p>
        <strong data-status={d.status}>{statusLabel(d.status)}</strong>
        {d.subStatus ? ` · ${d.subStatus}` : ""} {d.closedAt ? <span className="badge">{t("case.closedBadge", { result: statusLabel(d.result) })}</span> : null}{" "}
        {d.overdue ? <span className="badge badge-late">{t("queue.lateBadge")}</span> : null}{" "}
        {d.waitingSince ? <span className="badge badge-waiting">{t("queue.waitingBadge")}</span> : null}
      </p>
      <p className="muted">{t("case.residentReads", { text: pick(d.statusText as Text3, i18n.language) })}</p>
      <dl className="summary-list">
        {d.closedAt ? (
          <div className="summary-row">
            <dt>{t("case.closed")}</dt>
            <dd>{dateTime.format(new Date(d.closedAt))}</dd>
          </div>
        ) : (
          <div className="summary-row">
            <dt>{t("case.due")}</dt>
            <dd>
              {date.format(new Date(d.dueAt))}
              {d.waitingSince ? (
                <p className="hint">
                  {t("case.pausedSince", { date: dateTime.format(new Date(d.waitingSince)), expected: d.expectedBy ? date.format(new Date(d.expectedBy)) : "—" })}
                </p>
              ) : null}
            </dd>
          </div>
        )}
        <div className="summary-row">
          <dt>{t("case.nextTitle")}</dt>
          <dd>{t(`case.next.${d.nextStep}`)}</dd>
        </div>
        <div className="summary-row">
          <dt>{t("case.assignee")}</dt>
          <dd>{d.assigneeName ?? t("queue.nobody")}</dd>
        </div>
        <div className="summary-row">
          <dt>{t("case.team")}</dt>
          <dd>{d.teamName ?? "—"}</dd>
        </div>
        <div className="summary-row">
          <dt>{t("case.resident")}</dt>
          <dd>
            <span className="break-anywhere">{d.resident?.name}</span>
            <br />
            <span className="break-anywhere">{d.resident?.email ?? "—"}</span> · {d.resident?.phone ?? "—"}
            <br />
            {t(`case.prefers.${d.resident?.preferredChannel ?? "email"}`)}
          </dd>
        </div>
        <div className="summary-row">
          <dt>{t("case.channel")}</dt>
          <dd>
            {t(`channels.${d.channel}`)}
            {d.createdByName ? ` · ${t("case.filedBy", { name: d.createdByName })}` : ""}
          </dd>
        </div>
        <div className="summary-row">
          <dt>{t("case.submitted")}</dt>
          <dd>{dateTime.format(new Date(d.submittedAt))}</dd>
        </div>
      </dl>
      {mayClaim ? (
        <Form method="post">
          <input type="hidden" name="version" value={d.version} />
          <button type="submit" className="button" name="_intent" value="claim" disabled={busy}>
            {t("case.claim")}
          </button>
        </Form>
      ) : d.canEdit ? (
        <p>{t("case.yours")}</p>
      ) : null}
    </section>
  );
}
