import { redirect, type MetaFunction } from "@remix-run/node";
import { z } from "zod";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary } from "~/components/forms";
import { AnswerText } from "~/components/RequestForm";
import { discardDraft, loadRequestCheck, submitRequest } from "~/modules/cases/requests.server";
import { requireUser } from "~/modules/identity/guards.server";
import { slug, uuid } from "~/utils/ids";
import { actionOf, INTENT_FIELD, loaderOf } from "~/utils/kernel";
import { pageMeta } from "~/i18n/meta";
import { LocalText, SentenceWith } from "~/components/InLanguage";
import { serviceLabel } from "~/modules/catalog/localize";

export const meta: MetaFunction = (args) => pageMeta(args, "requestCheck");

const serviceParams = z.object({ slug });

export const loader = loaderOf({
  guard: (request) => requireUser(request, { role: "resident" }),
  params: serviceParams,
  run: async ({ actor, params }) => {
    const r = await loadRequestCheck(actor, params.slug);
    if (!r.ready) throw redirect(`/aanvragen/${params.slug}?stap=${Math.min(r.stepsDone, r.def.form.steps.length - 1) + 1}`);
    // One key per rendering of this page: a double click or a retry of the same post makes one case.
    return {
      slug: r.def.slug,
      title: r.def.title,
      translations: r.def.translations,
      steps: r.def.form.steps,
      answers: r.answers,
      stepUp: r.stepUp,
      idempotencyKey: crypto.randomUUID(),
    };
  },
});

const checkActions = z.union([z.object({ [INTENT_FIELD]: z.literal("discard") }), z.object({ [INTENT_FIELD]: z.literal("submit").optional(), idempotencyKey: uuid })]);

export const action = actionOf({
  guard: (request) => requireUser(request, { role: "resident" }),
  params: serviceParams,
  body: checkActions,
  run: async ({ actor, params, body }) => {
    if (body._intent === "discard") {
      await discardDraft(actor, params.slug);
      return redirect(`/aanvragen/${params.slug}`);
    }
    const { reference } = await submitRequest(actor, params.slug, body.idempotencyKey);
    return redirect(`/aanvragen/bevestiging/${reference}`);
  },
});

export default function CheckAnswers() {
  const { t, i18n } = useTranslation("cases");
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="stack narrow">
      <h1>{t("check.title")}</h1>
      <p>
        <SentenceWith ns="cases" i18nKey="check.intro" name={serviceLabel(d, i18n.language).title} />
      </p>
      <ErrorSummary errors={result && !result.ok ? result.errors : undefined} />
      {d.steps.map((step, i) => (
        <section key={i} className="stack" aria-labelledby={`step-${i}`}>
          <h2 id={`step-${i}`}>
            <LocalText value={step.title} />
          </h2>
          <dl className="summary-list">
            {step.fields.map((f) => (
              <div key={f.name} className="summary-row">
                <dt>
                  <LocalText value={f.label} />
                </dt>
                <dd>
                  <AnswerText field={f} value={d.answers[f.name]} />
                </dd>
              </div>
            ))}
          </dl>
          <p>
            <Link to={`/aanvragen/${d.slug}?stap=${i + 1}`}>
              {t("check.change")}
              <span className="visually-hidden">
                {" "}
                <LocalText value={step.title} />
              </span>
            </Link>
          </p>
        </section>
      ))}
      {d.stepUp.needed ? (
        <section className="notice stack" aria-labelledby="step-up">
          <h2 id="step-up">{t("stepUp.title")}</h2>
          <p>{t("stepUp.intro")}</p>
          <p>
            <a className="button" href={d.stepUp.href}>
              {t("stepUp.link")}
            </a>
          </p>
        </section>
      ) : null}
      <Form method="post" className="stack" hidden={d.stepUp.needed}>
        <input type="hidden" name="idempotencyKey" value={d.idempotencyKey} />
        <p>{t("check.declaration")}</p>
        <div className="button-row">
          <button type="submit" className="button" disabled={busy}>
            {t("check.submit")}
          </button>
        </div>
      </Form>
      <Form method="post">
        <button type="submit" className="link-button" name="_intent" value="discard">
          {t("check.discard")}
        </button>
      </Form>
    </div>
  );
}
