import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CaseMessageList } from "~/components/CaseMessages";
import { ErrorSummary, HintAndError, Notice, describedBy } from "~/components/forms";
import { AnswerText } from "~/components/RequestForm";
import { caseActionSchemas, CASE_INTENTS, endOfDay, type CaseIntent } from "~/modules/cases/backoffice-schemas";
import { pick, type Text3 } from "~/modules/cases/definitions";
import { orHttpError } from "~/modules/cases/http.server";
import {
  askResident,
  assignCase,
  claimCase,
  decideCase,
  extendDeadline,
  moveCase,
  namesFor,
  openCaseAsStaff,
  pauseClock,
  requestFrontOfficeTask,
  resumeClock,
  sendTeamMessage,
} from "~/modules/cases/staff.server";
import { MANUAL_TASK_KINDS_LIST } from "~/modules/cases/task-kinds";
import { requireStaff } from "~/modules/identity/guards.server";
import { DomainError } from "~/modules/platform/errors";
import { formValues, parseWith } from "~/utils/forms";
import { brusselsFormat } from "~/utils/brussels-format";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args, "staffCase", { name: args.data?.reference, fallback: "caseFallback" });
export const handle = { i18n: ["backoffice", "cases"] };

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireStaff(request, ["backoffice", "frontoffice", "admin"]);
  const o = await orHttpError(openCaseAsStaff(actor, params.reference!));
  const ids = o.events.flatMap((e) => [e.data.from, e.data.to].filter((x): x is string => typeof x === "string"));
  const names = await namesFor(ids);
  const c = o.case;
  return {
    reference: c.reference,
    service: o.def.title,
    steps: o.def.form.steps,
    version: c.version,
    status: c.status,
    subStatus: c.subStatus,
    statusText: o.status.text,
    /** Every status of this service in words, for the heading, the move options and the history. */
    statusLabels: Object.fromEntries(o.def.statusModel.statuses.map((s) => [s.key, s.text])) as Record<string, Text3>,
    subStatuses: o.status.subStatuses,
    result: c.result,
    channel: c.channel,
    submittedAt: c.submittedAt.toISOString(),
    dueAt: c.dueAt.toISOString(),
    expectedBy: iso(o.expectedBy),
    waitingSince: iso(c.waitingSince),
    closedAt: iso(c.closedAt),
    overdue: o.overdue,
    answers: c.answers,
    resident: o.resident,
    createdByName: c.createdById !== c.residentId ? o.createdByName : null,
    teamName: o.teamName,
    assigneeId: c.assigneeId,
    assigneeName: o.assigneeName,
    moves: o.moves.map((s) => ({ key: s.key, text: s.text, subStatuses: s.subStatuses })),
    decisions: o.decisions.map((s) => ({ key: s.key, text: s.text })),
    events: o.events.map((e) => ({ id: e.id, at: e.at.toISOString(), type: e.type, visibility: e.visibility, data: e.data, actorName: e.actorName })),
    names,
    messages: o.messages.map((m) => ({ id: m.id, at: m.at.toISOString(), fromStaff: m.fromStaff, kind: m.kind, body: m.body, files: o.files.filter((f) => f.messageId === m.id) })),
    files: o.files.filter((f) => !f.messageId),
    tasks: o.tasks.map((t) => ({ ...t, dueAt: iso(t.dueAt), doneAt: iso(t.doneAt) })),
    colleagues: o.colleagues.filter((u) => u.id !== c.assigneeId),
    teams: o.teams.filter((t) => t.id !== c.teamId),
    canEdit: o.canEdit,
    me: actor.id,
    notice: new URL(request.url).searchParams.get("gelukt"),
  };
}

type Values = Record<string, string | string[]>;
const fail = (intent: CaseIntent, errors: Record<string, string>, values: Values, status = 400, conflict = false) =>
  data({ ok: false as const, intent, errors, values, conflict }, { status });

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireStaff(request, ["backoffice", "frontoffice", "admin"]);
  const reference = params.reference!;
  const form = await request.formData();
  const values = formValues(form);
  const intent = String(form.get("_intent") ?? "") as CaseIntent;
  if (!CASE_INTENTS.includes(intent)) throw new Response("Bad request", { status: 400 });
  const parsed = parseWith(caseActionSchemas[intent], values, values);
  if (!parsed.ok) {
    // Field ids on this page carry the form's name: "ask-question", "extend-reason" ...
    const errors = Object.fromEntries(Object.entries(parsed.errors).map(([k, v]) => [k === "_form" ? k : `${intent}-${k}`, v]));
    return fail(intent, errors, values);
  }
  const v = parsed.data as Record<string, string | number | undefined>;
  const version = typeof v.version === "number" ? v.version : undefined;
  try {
    switch (intent) {
      case "claim":
        await claimCase(actor, reference, { version });
        break;
      case "assign": {
        const [kind, id] = String(v.target).split(":");
        await assignCase(actor, reference, { version, reason: String(v.reason), ...(kind === "team" ? { teamId: id } : { assigneeId: kind === "user" ? id : null }) });
        break;
      }
      case "move":
        await moveCase(actor, reference, { version, to: String(v.to), subStatus: (v.subStatus as string | undefined) ?? null, note: v.note as string | undefined });
        break;
      case "decide":
        await decideCase(actor, reference, { version, to: String(v.to), reason: String(v.reason) });
        break;
      case "ask":
        await askResident(actor, reference, String(v.question), { version });
        break;
      case "message":
        await sendTeamMessage(actor, reference, String(v.body), { version });
        break;
      case "note":
        await sendTeamMessage(actor, reference, String(v.body), { internal: true });
        break;
      case "pause":
        await pauseClock(actor, reference, { version, reason: String(v.reason) });
        break;
      case "resume":
        await resumeClock(actor, reference, { version });
        break;
      case "extend":
        await extendDeadline(actor, reference, { version, dueAt: endOfDay(String(v.dueDate)), reason: String(v.reason) });
        break;
      case "task":
        await requestFrontOfficeTask(actor, reference, { kind: v.kind as (typeof MANUAL_TASK_KINDS_LIST)[number], note: v.note as string | undefined, dueAt: v.dueDate ? endOfDay(String(v.dueDate)) : null });
        break;
    }
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    if (err.code === "NOT_FOUND" || err.code === "FORBIDDEN") throw new Response(err.code, { status: err.status });
    // A stale form: the page reloads the current state; the agent's text stays in the form.
    return fail(intent, { _form: err.messageKey }, values, err.status, err.code === "CONFLICT");
  }
  return redirect(`/werk/dossiers/${reference}?gelukt=${intent}#melding`);
}

function Field({ id, label, error, children, hint }: { id: string; label: string; error?: string; hint?: string; children: React.ReactNode }) {
  return (
    <div className={`field${error ? " field-error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <HintAndError id={id} hint={hint} error={error} />
      {children}
    </div>
  );
}

export default function StaffCasePage() {
  const { t, i18n } = useTranslation("backoffice");
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const lng = i18n.language;
  const date = brusselsFormat(lng, "longDate");
  const dateTime = brusselsFormat(lng, "dateTime");
  const failed = result && !result.ok ? result : undefined;
  const errors = failed?.errors as Record<string, string> | undefined;
  // Values typed into the form that failed, so nothing is lost (also after a conflict).
  const val = (intent: CaseIntent, name: string) => (failed?.intent === intent && typeof failed.values[name] === "string" ? (failed.values[name] as string) : undefined);
  const err = (intent: CaseIntent, name: string) => errors?.[`${intent}-${name}`];
  const text3 = (x: unknown) => pick(x as Text3, lng);
  const statusLabel = (key: unknown): string => (typeof key === "string" ? (pick(d.statusLabels[key], lng) ?? key) : "—");
  const fileHref = (id: string) => `/werk/dossiers/${d.reference}/bestanden/${id}`;
  const formKey = `${d.version}-${d.events.length}`;
  const Version = () => <input type="hidden" name="version" value={d.version} />;
  const name = (id: unknown) => (typeof id === "string" ? (d.names[id] ?? "—") : t("queue.nobody"));

  const describe = (e: (typeof d.events)[number]) => {
    const x = e.data as Record<string, unknown>;
    switch (e.type) {
      case "status-changed":
        return t("events.status-changed", { from: statusLabel(x.from), to: statusLabel(x.to) });
      case "assigned":
        return x.claimed ? t("events.claimed") : t("events.assigned", { to: name(x.to) });
      case "team-changed":
        return t("events.team-changed", { from: name(x.from), to: name(x.to) });
      case "clock-resumed":
        return t("events.clock-resumed", { date: date.format(new Date(String(x.dueAt))) });
      case "deadline-extended":
        return t("events.deadline-extended", { date: date.format(new Date(String(x.to))) });
      case "task-created":
      case "task-done":
        return t(`events.${e.type}`, { task: t(`tasks.kinds.${String(x.kind)}`) });
      case "sub-status-changed":
        return t("events.sub-status-changed", { subStatus: x.subStatus ?? "—" });
      case "rated":
        return t("events.rated", { score: x.score });
      default:
        return t(`events.${e.type}`, { defaultValue: e.type });
    }
  };
  const detail = (e: (typeof d.events)[number]) => {
    const x = e.data as Record<string, unknown>;
    const body = [x.note, x.reason, x.body].find((v) => typeof v === "string") as string | undefined;
    return body ? <p className="pre-line">{body}</p> : null;
  };

  return (
    <div className="stack">
      <p className="muted">
        <Link to="/werk/dossiers">{t("case.back")}</Link>
      </p>
      <h1>
        {d.service} <span className="reference">{d.reference}</span>
      </h1>
      <div id="melding">{d.notice ? <Notice>{t(`case.done.${d.notice}`, { defaultValue: t("case.done.default") })}</Notice> : null}</div>
      <ErrorSummary errors={errors} />
      {failed?.conflict ? (
        <div className="card card-action" role="note">
          <p>{t("case.conflictHelp")}</p>
        </div>
      ) : null}

      <section className="card" aria-labelledby="state-title">
        <h2 id="state-title">{t("case.stateTitle")}</h2>
        <p>
          <strong data-status={d.status}>{statusLabel(d.status)}</strong>
          {d.subStatus ? ` · ${d.subStatus}` : ""} {d.closedAt ? <span className="badge">{t("case.closedBadge", { result: statusLabel(d.result) })}</span> : null}{" "}
          {d.overdue ? <span className="badge badge-late">{t("queue.lateBadge")}</span> : null}{" "}
          {d.waitingSince ? <span className="badge badge-waiting">{t("queue.waitingBadge")}</span> : null}
        </p>
        <p className="muted">{t("case.residentReads", { text: text3(d.statusText) })}</p>
        <dl className="summary-list">
          <div className="summary-row">
            <dt>{t("case.resident")}</dt>
            <dd>
              {d.resident?.name}
              <br />
              {d.resident?.email ?? "—"} · {d.resident?.phone ?? "—"}
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
            <dt>{t("case.team")}</dt>
            <dd>{d.teamName ?? "—"}</dd>
          </div>
          <div className="summary-row">
            <dt>{t("case.assignee")}</dt>
            <dd>{d.assigneeName ?? t("queue.nobody")}</dd>
          </div>
          <div className="summary-row">
            <dt>{t("case.submitted")}</dt>
            <dd>{dateTime.format(new Date(d.submittedAt))}</dd>
          </div>
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
                  <p className="hint">{t("case.pausedSince", { date: dateTime.format(new Date(d.waitingSince)), expected: d.expectedBy ? date.format(new Date(d.expectedBy)) : "—" })}</p>
                ) : null}
              </dd>
            </div>
          )}
        </dl>
      </section>

      <div className="work-grid">
        <div className="stack">
          <section className="card" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{t("case.timelineTitle")}</h2>
            <p className="hint">{t("case.timelineHint")}</p>
            <ol className="event-list">
              {d.events.map((e) => (
                <li key={e.id} className={e.visibility === "internal" ? "event-internal" : "event-resident"}>
                  <span className="event-tag">{e.visibility === "internal" ? t("case.internal") : t("case.visible")}</span>
                  <div className="muted">
                    {dateTime.format(new Date(e.at))} · {e.actorName ?? t("case.system")}
                  </div>
                  <div>{describe(e)}</div>
                  {detail(e)}
                </li>
              ))}
            </ol>
          </section>

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
        </div>

        {d.canEdit ? (
          <div className="stack" key={formKey}>
            <section className="card" aria-labelledby="who-title">
              <h2 id="who-title">{t("case.whoTitle")}</h2>
              {d.assigneeId !== d.me ? (
                <Form method="post">
                  <Version />
                  <button type="submit" className="button" name="_intent" value="claim" disabled={busy}>
                    {t("case.claim")}
                  </button>
                </Form>
              ) : (
                <p>{t("case.yours")}</p>
              )}
              <Form method="post" className="stack">
                <Version />
                <Field id="assign-target" label={t("case.assignTo")} error={err("assign", "target")}>
                  <select id="assign-target" name="target" defaultValue={val("assign", "target") ?? ""} aria-describedby={describedBy("assign-target", undefined, err("assign", "target"))}>
                    <option value="">{t("case.choose")}</option>
                    <optgroup label={t("case.colleagues")}>
                      {d.colleagues.map((u) => (
                        <option key={u.id} value={`user:${u.id}`}>
                          {u.name}
                        </option>
                      ))}
                      {d.assigneeId ? <option value="none:">{t("case.unassign")}</option> : null}
                    </optgroup>
                    <optgroup label={t("case.otherTeams")}>
                      {d.teams.map((team) => (
                        <option key={team.id} value={`team:${team.id}`}>
                          {team.name}
                        </option>
                      ))}
                    </optgroup>
                  </select>
                </Field>
                <Field id="assign-reason" label={t("case.reason")} error={err("assign", "reason")} hint={t("case.reasonInternal")}>
                  <textarea id="assign-reason" name="reason" rows={2} defaultValue={val("assign", "reason")} aria-describedby={describedBy("assign-reason", true, err("assign", "reason"))} />
                </Field>
                <div>
                  <button type="submit" className="button button-secondary" name="_intent" value="assign" disabled={busy}>
                    {t("case.assign")}
                  </button>
                </div>
              </Form>
            </section>

            {d.moves.length || d.subStatuses.length ? (
              <section className="card" aria-labelledby="move-title">
                <h2 id="move-title">{t("case.moveTitle")}</h2>
                <Form method="post" className="stack">
                  <Version />
                  <Field id="move-to" label={t("case.newStatus")} error={err("move", "to")}>
                    <select id="move-to" name="to" defaultValue={val("move", "to") ?? ""} aria-describedby={describedBy("move-to", undefined, err("move", "to"))}>
                      <option value="">{t("case.choose")}</option>
                      {d.subStatuses.length ? <option value={d.status}>{t("case.sameStatus", { status: statusLabel(d.status) })}</option> : null}
                      {d.moves.map((s) => (
                        <option key={s.key} value={s.key}>
                          {statusLabel(s.key)}
                        </option>
                      ))}
                    </select>
                  </Field>
                  {[...new Set([...d.subStatuses, ...d.moves.flatMap((s) => s.subStatuses)])].length ? (
                    <Field id="move-subStatus" label={t("case.subStatus")} error={err("move", "subStatus")} hint={t("case.subStatusHint")}>
                      <select id="move-subStatus" name="subStatus" defaultValue={val("move", "subStatus") ?? ""} aria-describedby={describedBy("move-subStatus", true, err("move", "subStatus"))}>
                        <option value="">{t("case.none")}</option>
                        {[...new Set([...d.subStatuses, ...d.moves.flatMap((s) => s.subStatuses)])].map((s) => (
                          <option key={s} value={s}>
                            {s}
                          </option>
                        ))}
                      </select>
                    </Field>
                  ) : null}
                  <Field id="move-note" label={t("case.noteForResident")} error={err("move", "note")} hint={t("case.optionalVisible")}>
                    <textarea id="move-note" name="note" rows={3} defaultValue={val("move", "note")} aria-describedby={describedBy("move-note", true, err("move", "note"))} />
                  </Field>
                  <div>
                    <button type="submit" className="button" name="_intent" value="move" disabled={busy}>
                      {t("case.move")}
                    </button>
                  </div>
                </Form>
              </section>
            ) : null}

            {d.decisions.length ? (
              <section className="card" aria-labelledby="decide-title">
                <h2 id="decide-title">{t("case.decideTitle")}</h2>
                <p className="hint">{t("case.decideHint")}</p>
                <Form method="post" className="stack">
                  <Version />
                  <fieldset className={`field${err("decide", "to") ? " field-error" : ""}`} id="decide-to" aria-describedby={err("decide", "to") ? "decide-to-error" : undefined}>
                    <legend>{t("case.result")}</legend>
                    {err("decide", "to") ? (
                      <p className="error-message" id="decide-to-error">
                        {t(err("decide", "to")!)}
                      </p>
                    ) : null}
                    {d.decisions.map((s) => (
                      <div className="choice" key={s.key}>
                        <input type="radio" id={`decide-to-${s.key}`} name="to" value={s.key} defaultChecked={val("decide", "to") === s.key} />
                        <label htmlFor={`decide-to-${s.key}`}>{statusLabel(s.key)}</label>
                      </div>
                    ))}
                  </fieldset>
                  <Field id="decide-reason" label={t("case.decisionReason")} error={err("decide", "reason")} hint={t("case.decisionReasonHint")}>
                    <textarea id="decide-reason" name="reason" rows={4} defaultValue={val("decide", "reason")} aria-describedby={describedBy("decide-reason", true, err("decide", "reason"))} />
                  </Field>
                  <div>
                    <button type="submit" className="button" name="_intent" value="decide" disabled={busy}>
                      {t("case.decide")}
                    </button>
                  </div>
                </Form>
              </section>
            ) : null}

            <section className="card" aria-labelledby="ask-title">
              <h2 id="ask-title">{t("case.askTitle")}</h2>
              <p className="hint">{t("case.askHint")}</p>
              <Form method="post" className="stack">
                <Version />
                <Field id="ask-question" label={t("case.question")} error={err("ask", "question")}>
                  <textarea id="ask-question" name="question" rows={4} defaultValue={val("ask", "question")} aria-describedby={describedBy("ask-question", undefined, err("ask", "question"))} />
                </Field>
                <div>
                  <button type="submit" className="button" name="_intent" value="ask" disabled={busy}>
                    {t("case.ask")}
                  </button>
                </div>
              </Form>
            </section>

            <section className="card" aria-labelledby="message-title">
              <h2 id="message-title">{t("case.messageTitle")}</h2>
              <Form method="post" className="stack">
                <Version />
                <Field id="message-body" label={t("case.messageLabel")} error={err("message", "body")} hint={t("case.messageHint")}>
                  <textarea id="message-body" name="body" rows={4} defaultValue={val("message", "body")} aria-describedby={describedBy("message-body", true, err("message", "body"))} />
                </Field>
                <div>
                  <button type="submit" className="button button-secondary" name="_intent" value="message" disabled={busy}>
                    {t("case.sendMessage")}
                  </button>
                </div>
              </Form>
            </section>

            <section className="card" aria-labelledby="note-title">
              <h2 id="note-title">{t("case.noteTitle")}</h2>
              <Form method="post" className="stack">
                <Field id="note-body" label={t("case.noteLabel")} error={err("note", "body")} hint={t("case.noteHint")}>
                  <textarea id="note-body" name="body" rows={3} defaultValue={val("note", "body")} aria-describedby={describedBy("note-body", true, err("note", "body"))} />
                </Field>
                <div>
                  <button type="submit" className="button button-secondary" name="_intent" value="note" disabled={busy}>
                    {t("case.addNote")}
                  </button>
                </div>
              </Form>
            </section>

            <section className="card" aria-labelledby="clock-title">
              <h2 id="clock-title">{t("case.clockTitle")}</h2>
              {d.waitingSince ? (
                <Form method="post">
                  <Version />
                  <p>{t("case.clockPaused")}</p>
                  <button type="submit" className="button button-secondary" name="_intent" value="resume" disabled={busy}>
                    {t("case.resume")}
                  </button>
                </Form>
              ) : (
                <Form method="post" className="stack">
                  <Version />
                  <Field id="pause-reason" label={t("case.pauseReason")} error={err("pause", "reason")} hint={t("case.reasonInternal")}>
                    <textarea id="pause-reason" name="reason" rows={2} defaultValue={val("pause", "reason")} aria-describedby={describedBy("pause-reason", true, err("pause", "reason"))} />
                  </Field>
                  <div>
                    <button type="submit" className="button button-secondary" name="_intent" value="pause" disabled={busy}>
                      {t("case.pause")}
                    </button>
                  </div>
                </Form>
              )}
              <h3>{t("case.extendTitle")}</h3>
              <Form method="post" className="stack">
                <Version />
                <Field id="extend-dueDate" label={t("case.newDue")} error={err("extend", "dueDate")} hint={t("case.dateHint")}>
                  <input type="date" id="extend-dueDate" name="dueDate" className="input-short" defaultValue={val("extend", "dueDate")} aria-describedby={describedBy("extend-dueDate", true, err("extend", "dueDate"))} />
                </Field>
                <Field id="extend-reason" label={t("case.extendReason")} error={err("extend", "reason")} hint={t("case.extendReasonHint")}>
                  <textarea id="extend-reason" name="reason" rows={3} defaultValue={val("extend", "reason")} aria-describedby={describedBy("extend-reason", true, err("extend", "reason"))} />
                </Field>
                <div>
                  <button type="submit" className="button button-secondary" name="_intent" value="extend" disabled={busy}>
                    {t("case.extend")}
                  </button>
                </div>
              </Form>
            </section>

            <section className="card" aria-labelledby="task-title">
              <h2 id="task-title">{t("case.taskTitle")}</h2>
              <p className="hint">{t("case.taskHint")}</p>
              <Form method="post" className="stack">
                <Field id="task-kind" label={t("case.taskKind")} error={err("task", "kind")}>
                  <select id="task-kind" name="kind" defaultValue={val("task", "kind") ?? ""} aria-describedby={describedBy("task-kind", undefined, err("task", "kind"))}>
                    <option value="">{t("case.choose")}</option>
                    {MANUAL_TASK_KINDS_LIST.map((k) => (
                      <option key={k} value={k}>
                        {t(`tasks.kinds.${k}`)}
                      </option>
                    ))}
                  </select>
                </Field>
                <Field id="task-note" label={t("case.taskNote")} error={err("task", "note")}>
                  <textarea id="task-note" name="note" rows={2} defaultValue={val("task", "note")} aria-describedby={describedBy("task-note", undefined, err("task", "note"))} />
                </Field>
                <Field id="task-dueDate" label={t("case.taskDue")} error={err("task", "dueDate")} hint={t("case.dateHint")}>
                  <input type="date" id="task-dueDate" name="dueDate" className="input-short" defaultValue={val("task", "dueDate")} aria-describedby={describedBy("task-dueDate", true, err("task", "dueDate"))} />
                </Field>
                <div>
                  <button type="submit" className="button button-secondary" name="_intent" value="task" disabled={busy}>
                    {t("case.createTask")}
                  </button>
                </div>
              </Form>
            </section>
          </div>
        ) : (
          <section className="card" aria-labelledby="readonly-title">
            <h2 id="readonly-title">{t("case.readonlyTitle")}</h2>
            <p>{d.closedAt ? t("case.readonlyClosed") : t("case.readonlyFront")}</p>
          </section>
        )}
      </div>
    </div>
  );
}
