import { data, redirect, type MetaFunction } from "@remix-run/node";
import { z } from "zod";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CaseMessageList } from "~/components/CaseMessages";
import { ErrorSummary, Notice } from "~/components/forms";
import { AnswerText } from "~/components/RequestForm";
import { pickIn, type Text3 } from "~/modules/cases/definitions";
import { getMyCase, rateCase, replyToCase, uploadErrors, withdrawCase } from "~/modules/cases/dossiers.server";
import { rateSchema, replySchema } from "~/modules/cases/schemas";
import { readPost } from "~/modules/cases/uploads.server";
import { requireUser } from "~/modules/identity/guards.server";
import { caseReference } from "~/utils/ids";
import { actionOf, INTENT_FIELD, loaderOf } from "~/utils/kernel";
import { brusselsFormat } from "~/utils/brussels-format";
import { pageMeta } from "~/i18n/meta";
import { InLanguage, LocalText, SentenceWith } from "~/components/InLanguage";
import { RateForm, ReplyForm } from "~/components/cases/ResidentCaseForms";
import { serviceLabel } from "~/modules/catalog/localize";

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args, "myCase", { name: args.data?.reference, fallback: "caseFallback" });

const caseParams = z.object({ reference: caseReference });

const loaderQuery = z.object({ gelukt: z.string().max(40).optional() });
export const loader = loaderOf({
  guard: (request) => requireUser(request, { role: "resident" }),
  params: caseParams,
  query: loaderQuery,
  run: async ({ actor, params, query }) => {
    const c = await getMyCase(actor, params.reference);
    const iso = (d: Date | null) => d?.toISOString() ?? null;
    return {
      reference: c.reference,
      service: c.def?.title ?? "",
      serviceTranslations: c.def?.translations ?? {},
      steps: c.def?.form.steps ?? [],
      statusText: c.statusText ?? null,
      status: c.status,
      open: c.open,
      submittedAt: c.submittedAt.toISOString(),
      closedAt: iso(c.closedAt),
      decisionReason: c.decisionReason,
      expectedBy: iso(c.expectedBy),
      answers: c.answers,
      events: c.events.map((e) => ({ ...e, at: e.at.toISOString() })),
      messages: c.messages.map((m) => ({ ...m, at: m.at.toISOString() })),
      files: c.files,
      openQuestion: c.openQuestion ? { body: c.openQuestion.body, at: c.openQuestion.at.toISOString() } : null,
      canWithdraw: c.canWithdraw,
      canRate: c.canRate,
      satisfaction: c.satisfaction,
      notice: query.gelukt ?? null,
    };
  },
});

const caseActions = z.discriminatedUnion(INTENT_FIELD, [
  z.object({ [INTENT_FIELD]: z.literal("withdraw") }),
  rateSchema.extend({ [INTENT_FIELD]: z.literal("rate") }),
  replySchema.extend({ [INTENT_FIELD]: z.literal("reply") }),
]);

export const action = actionOf({
  guard: (request) => requireUser(request, { role: "resident" }),
  params: caseParams,
  body: caseActions,
  read: async (request) => {
    const { form, uploads } = await readPost(request);
    return { form, extra: uploads };
  },
  run: async ({ actor, params, body, extra: uploads, values }) => {
    const back = (what: string) => redirect(`/mijn/dossiers/${params.reference}?gelukt=${what}#melding`);
    switch (body._intent) {
      case "withdraw":
        await withdrawCase(actor, params.reference);
        return back("ingetrokken");
      case "rate":
        await rateCase(actor, params.reference, body.score, body.comment);
        return back("beoordeeld");
      case "reply": {
        const fileError = uploadErrors(uploads);
        if (fileError) return data({ ok: false as const, intent: body._intent, errors: { files: fileError }, values }, { status: 400 });
        const r = await replyToCase(actor, params.reference, body.body, uploads);
        return back(r.answered ? "beantwoord" : "verstuurd");
      }
    }
  },
});

export default function CasePage() {
  const { t, i18n } = useTranslation("cases");
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const lng = i18n.language;
  const date = brusselsFormat(lng, "longDate");
  const dateTime = brusselsFormat(lng, "dateTime");
  const errors = result && !result.ok ? (result.errors as Record<string, string>) : undefined;
  const failedIntent = result && "intent" in result ? result.intent : undefined;
  const values = result && !result.ok ? (result.values as Record<string, unknown>) : undefined;
  const fileHref = (id: string) => `/mijn/dossiers/${d.reference}/bestanden/${id}`;
  const replyId = d.openQuestion ? "answer" : "message";
  const summaryIds: Record<string, string> = failedIntent === "rate" ? { score: "score-1", comment: "comment" } : { body: `${replyId}-body`, files: `${replyId}-files` };
  return (
    <div className="stack">
      <p className="muted">
        <Link to="/mijn/dossiers">{t("case.back")}</Link>
      </p>
      <h1>
        <InLanguage {...serviceLabel({ title: d.service, translations: d.serviceTranslations }, i18n.language).title} />
      </h1>
      <p className="muted">{t("case.reference", { reference: d.reference })}</p>
      <div id="melding">{d.notice ? <Notice>{t(`case.done.${d.notice}`, { defaultValue: "" })}</Notice> : null}</div>
      <ErrorSummary errors={errors} fieldIds={summaryIds} />

      {d.openQuestion ? (
        <section className="card card-action" aria-labelledby="action-title">
          <h2 id="action-title">{t("case.actionTitle")}</h2>
          <p>{t("case.actionIntro")}</p>
          <blockquote className="pre-line">{d.openQuestion.body}</blockquote>
          <p className="hint">{t("case.actionClock")}</p>
          <ReplyForm id="answer" label={t("case.answerLabel")} errors={failedIntent !== "rate" ? errors : undefined} values={values} busy={busy} />
        </section>
      ) : null}

      <section className="card" aria-labelledby="status-title">
        <h2 id="status-title">{t("case.statusTitle")}</h2>
        <p className="status-text">
          <LocalText value={d.statusText as Text3 | null} fallback={d.status} />
        </p>
        <dl className="summary-list">
          <dt>{t("case.submitted")}</dt>
          <dd>{date.format(new Date(d.submittedAt))}</dd>
          {d.expectedBy ? (
            <>
              <dt>{t("case.expectedBy")}</dt>
              <dd>
                {t("dossiers.around", { date: date.format(new Date(d.expectedBy)) })}
                <p className="hint">{t("dossiers.estimateNote")}</p>
              </dd>
            </>
          ) : null}
          {d.closedAt ? (
            <>
              <dt>{t("case.closed")}</dt>
              <dd>{date.format(new Date(d.closedAt))}</dd>
            </>
          ) : null}
          {d.decisionReason ? (
            <>
              <dt>{t("case.decisionReason")}</dt>
              <dd className="pre-line">{d.decisionReason}</dd>
            </>
          ) : null}
        </dl>
      </section>

      <section className="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t("case.timelineTitle")}</h2>
        <ol className="timeline">
          {d.events.map((e, i) => (
            <li key={i}>
              <span className="muted">{dateTime.format(new Date(e.at))}</span>{" "}
              {e.type === "status-changed" ? (
                <SentenceWith
                  ns="cases"
                  i18nKey="case.events.status"
                  placeholder="status"
                  name={pickIn(e.statusText as Text3 | undefined, lng) ?? { text: String(e.data.to), lang: "nl" }}
                />
              ) : e.type === "legacy" ? (
                t(`case.events.${e.storedType}`, { defaultValue: e.storedType })
              ) : (
                t(`case.events.${e.type}`, { defaultValue: e.type })
              )}
              {e.note ? <p className="pre-line">{e.note}</p> : null}
            </li>
          ))}
        </ol>
      </section>

      <section className="card" aria-labelledby="messages-title">
        <h2 id="messages-title">{t("case.messagesTitle")}</h2>
        {d.messages.length === 0 ? <p>{t("case.noMessages")}</p> : null}
        <CaseMessageList
          messages={d.messages}
          sender={(fromStaff) => (fromStaff ? t("case.fromCity") : t("case.fromMe"))}
          kindLabel={(kind) => (kind === "question" ? t("case.question") : undefined)}
          downloadLabel={(name) => t("form.fileDownload", { name })}
          fileHref={fileHref}
          formatDate={(at) => dateTime.format(at)}
        />
        {d.open && !d.openQuestion ? (
          <ReplyForm id="message" label={t("case.messageLabel")} errors={failedIntent !== "rate" ? errors : undefined} values={values} busy={busy} />
        ) : null}
      </section>

      <section className="card" aria-labelledby="answers-title">
        <h2 id="answers-title">{t("case.answersTitle")}</h2>
        <dl className="summary-list">
          {d.steps
            .flatMap((s) => s.fields)
            .map((f) => (
              <div key={f.name} className="summary-row">
                <dt>
                  <LocalText value={f.label} />
                </dt>
                <dd>
                  <AnswerText field={f} value={d.answers[f.name]} fileHref={fileHref} />
                </dd>
              </div>
            ))}
        </dl>
      </section>

      {d.canWithdraw ? (
        <section className="card" aria-labelledby="withdraw-title">
          <h2 id="withdraw-title">{t("case.withdrawTitle")}</h2>
          <p>{t("case.withdrawBody")}</p>
          <Form method="post">
            <button type="submit" className="button button-secondary" name="_intent" value="withdraw">
              {t("case.withdraw")}
            </button>
          </Form>
        </section>
      ) : null}

      {d.canRate ? (
        <section className="card" aria-labelledby="rate-title">
          <h2 id="rate-title">{t("case.rateTitle")}</h2>
          <RateForm errors={failedIntent === "rate" ? errors : undefined} values={values} />
        </section>
      ) : d.satisfaction ? (
        <p>{t("case.rated", { score: d.satisfaction.score })}</p>
      ) : null}
    </div>
  );
}
