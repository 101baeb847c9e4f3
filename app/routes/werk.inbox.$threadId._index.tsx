import { redirect, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { describedBy, ErrorSummary, HintAndError, Notice, RadioGroup } from "~/components/forms";
import { useFormResult } from "~/components/useFormResult";
import { brusselsTime } from "~/modules/contacts/format";
import { markThreadHandled, openThread, replyToThread } from "~/modules/contacts/inbox.server";
import { HANDLED_OUTCOMES } from "~/modules/contacts/schemas";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { uuid } from "~/utils/ids";
import { actionOf, loaderOf } from "~/utils/kernel";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "mail");
export const handle = { i18n: ["inbox"] };

const guard = (request: Request) => requireStaffCan(request, "residents.serve");
const params = z.object({ threadId: uuid });

export const loader = loaderOf({
  guard,
  params,
  run: async ({ actor, params }) => {
    const thread = await openThread(actor, params.threadId);
    return { ...thread, messages: thread.messages.map((m) => ({ ...m, at: m.at.toISOString() })) };
  },
});

const threadActions = z.discriminatedUnion("_intent", [
  z.object({ _intent: z.literal("reply"), reply: z.string().trim().min(1, "inbox:errors.replyRequired").max(10_000, "inbox:errors.replyTooLong") }),
  z.object({ _intent: z.literal("handle"), outcome: z.enum(HANDLED_OUTCOMES, { errorMap: () => ({ message: "inbox:errors.chooseOutcome" }) }) }),
]);

export const action = actionOf({
  guard,
  params,
  body: threadActions,
  run: async ({ actor, params, body }) => {
    const here = `/werk/inbox/${params.threadId}`;
    if (body._intent === "reply") {
      await replyToThread(actor, params.threadId, body.reply);
      return redirect(`${here}?verstuurd=1`);
    }
    const r = await markThreadHandled(actor, params.threadId, body.outcome);
    return redirect(`${here}?behandeld=1${r.invited ? "&uitgenodigd=1" : ""}`);
  },
});

export default function MailThread() {
  const { t, i18n } = useTranslation("inbox");
  const thread = useLoaderData<typeof loader>();
  const { errors, values, busy } = useFormResult();
  const [params] = useSearchParams();
  const lastIn = [...thread.messages].reverse().find((m) => m.direction === "in");
  return (
    <div className="stack">
      <p>
        <Link to="/werk/inbox">{t("thread.back")}</Link>
      </p>
      <h1>{thread.messages[0].subject}</h1>
      {params.has("verstuurd") ? <Notice>{t("thread.replySent")}</Notice> : null}
      {params.has("behandeld") ? (
        <Notice>
          {t("thread.handledDone")} {params.has("uitgenodigd") ? t("thread.invited") : null}
        </Notice>
      ) : null}
      <ErrorSummary errors={errors} fieldIds={{ outcome: `outcome-${HANDLED_OUTCOMES[0]}` }} />
      {thread.resident ? (
        <p>
          {t("thread.resident", { name: thread.resident.name, email: thread.resident.email ?? "" })} <Link to={`/werk/bewoners/${thread.resident.id}`}>{t("thread.openFile")}</Link>
        </p>
      ) : (
        <p>
          {t("thread.noResident")} <Link to="/werk/bewoners/nieuw">{t("thread.newResident")}</Link>
        </p>
      )}
      {thread.outcome ? <p>{t("thread.handledAs", { outcome: t(`outcomes.${thread.outcome}`) })}</p> : null}
      {thread.caseId ? <p>{t("thread.caseFiled")}</p> : null}
      {thread.satisfactionScore ? <p>{t("thread.score", { score: thread.satisfactionScore })}</p> : null}

      <section aria-labelledby="conversation" className="stack">
        <h2 id="conversation">{t("thread.conversation")}</h2>
        {thread.messages.map((m) => (
          <article key={m.id} className={`mail-message ${m.direction}`} aria-labelledby={`msg-${m.id}`}>
            <h3 id={`msg-${m.id}`}>
              {m.direction === "in"
                ? t("thread.incoming", { from: m.from })
                : m.staffName
                  ? t("thread.outgoing", { name: m.staffName, to: m.to.join(", ") })
                  : t("thread.outgoingNoName", { to: m.to.join(", ") })}
            </h3>
            <p className="muted">
              <time dateTime={m.at}>{brusselsTime(m.at, i18n.language)}</time> · {m.subject}
            </p>
            {m.auto ? <p>{t("thread.auto")}</p> : null}
            <pre className="mail-text">{m.text}</pre>
            {m.attachments.length ? (
              <>
                <h4>{t("thread.attachments")}</h4>
                <ul>
                  {m.attachments.map((a) => (
                    <li key={a.index}>
                      <a href={`/werk/inbox/bijlage/${m.id}/${a.index}`} download>
                        {a.filename}
                      </a>{" "}
                      ({Math.ceil(a.size / 1024)} kB)
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </article>
        ))}
      </section>

      {lastIn?.from ? (
        <section className="card stack" aria-labelledby="reply-title">
          <h2 id="reply-title">{t("reply.title")}</h2>
          {/* Keyed by the message count: after a reply is sent the field starts empty again. */}
          <Form method="post" className="stack" noValidate key={thread.messages.length}>
            <input type="hidden" name="_intent" value="reply" />
            <div className={`field${errors?.reply ? " field-error" : ""}`}>
              <label htmlFor="reply">{t("reply.label")}</label>
              <HintAndError id="reply" hint={t("reply.hint", { to: lastIn.from })} error={errors?.reply} />
              <textarea
                id="reply"
                name="reply"
                rows={8}
                defaultValue={values.reply}
                aria-describedby={describedBy("reply", "hint", errors?.reply)}
                aria-invalid={errors?.reply ? true : undefined}
              />
            </div>
            <button type="submit" className="button" disabled={busy}>
              {t("reply.submit")}
            </button>
          </Form>
        </section>
      ) : null}

      {thread.open ? (
        <section className="card stack" aria-labelledby="handle-title">
          <h2 id="handle-title">{t("handle.title")}</h2>
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="_intent" value="handle" />
            <RadioGroup
              name="outcome"
              legend={t("handle.legend")}
              value={values.outcome}
              error={errors?.outcome}
              options={HANDLED_OUTCOMES.map((o) => ({ value: o, label: t(`outcomes.${o}`) }))}
            />
            <button type="submit" className="button" disabled={busy}>
              {t("handle.submit")}
            </button>
          </Form>
        </section>
      ) : null}

      {!thread.caseId ? (
        <p>
          <Link to={`/werk/inbox/${thread.threadId}/aanvraag`}>{t("toRequest.link")}</Link>
        </p>
      ) : null}
    </div>
  );
}
