import { data, redirect, type MetaFunction } from "@remix-run/node";
import { z } from "zod";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, Notice } from "~/components/forms";
import { RequestField, fieldAnchor } from "~/components/RequestForm";
import { loadRequestStep, saveRequestStep } from "~/modules/cases/requests.server";
import { readPost } from "~/modules/cases/uploads.server";
import { requireUser } from "~/modules/identity/guards.server";
import { slug } from "~/utils/ids";
import { JsonLd } from "~/components/JsonLd";
import { serviceStructuredData } from "~/modules/catalog/jsonld.server";
import { env } from "~/utils/env.server";
import { actionOf, INTENT_FIELD, loaderOf, parseQuery } from "~/utils/kernel";
import { languageFromMatches, pageMeta } from "~/i18n/meta";
import { InLanguage, LocalText } from "~/components/InLanguage";
import { serviceLabel, serviceRequirements, serviceText } from "~/modules/catalog/localize";
import { getServiceIntro } from "~/modules/catalog/catalog.server";
import { getLanguage } from "~/utils/i18next.server";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, "request", { name: args.data && serviceLabel(args.data, languageFromMatches(args.matches)).title.text, fallback: "requestFallback" });

const serviceParams = z.object({ slug });
/** `stap` counts from 1 in the address; anything else than a step number is the first step. */
const stepQuery = z.object({ stap: z.coerce.number().int().min(1).max(99).catch(1), bewaard: z.string().max(5).optional() });

export const loader = loaderOf({
  guard: (request) => requireUser(request, { role: "resident" }),
  params: serviceParams,
  query: stepQuery,
  run: async ({ actor, params, query, request }) => {
    const wanted = query.stap - 1;
    const r = await loadRequestStep(actor, params.slug, wanted);
    if (r.step !== wanted) throw redirect(`/aanvragen/${params.slug}?stap=${r.step + 1}`);
    return {
      slug: r.def.slug,
      title: r.def.title,
      summary: r.def.summary,
      translations: r.def.translations,
      steps: r.def.form.steps,
      step: r.step,
      stepsDone: r.stepsDone,
      values: r.values,
      files: r.files,
      saved: query.bewaard === "1",
      // The first step introduces the service: what it is, what you need, what you get.
      intro: r.step === 0 ? await getServiceIntro(r.def.slug) : null,
      jsonLd: await serviceStructuredData(env().PUBLIC_URL, r.def.slug, await getLanguage(request)),
    };
  },
});

/** The step's own fields are checked by the service's form definition (saveRequestStep). */
const stepBody = z.object({ [INTENT_FIELD]: z.enum(["next", "draft"]).default("next") }).passthrough();

export const action = actionOf({
  guard: (request) => requireUser(request, { role: "resident" }),
  params: serviceParams,
  body: stepBody,
  read: async (request) => {
    const { form, uploads } = await readPost(request);
    return { form, extra: uploads };
  },
  run: async ({ actor, params, body, extra: uploads, values, request }) => {
    const step = parseQuery(stepQuery, request.url).stap - 1;
    const r = await saveRequestStep(actor, params.slug, step, values, uploads, body._intent);
    if (!r.ok) return data(r, { status: 400 });
    if (r.next === "draft") return redirect(`/aanvragen/${params.slug}?stap=${step + 1}&bewaard=1`);
    if (r.next === "check") return redirect(`/aanvragen/${params.slug}/controleren`);
    return redirect(`/aanvragen/${params.slug}?stap=${r.step + 1}`);
  },
});

export default function RequestStep() {
  const { t, i18n } = useTranslation("cases");
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = result && !result.ok ? result.errors : undefined;
  const values = result && !result.ok ? result.values : d.values;
  const current = d.steps[d.step];
  const many = d.steps.length > 1;
  const label = serviceLabel(d, i18n.language);
  const anchors = Object.fromEntries(current.fields.map((f) => [f.name, fieldAnchor(f)]));
  return (
    <div className="stack narrow">
      <JsonLd data={d.jsonLd} />
      <p className="muted">
        <Link to="/aanvragen">{t("list.back")}</Link>
      </p>
      {many ? <p className="step-count">{t("form.stepOf", { n: d.step + 1, total: d.steps.length })}</p> : null}
      <h1>
        <InLanguage {...label.title} />
      </h1>
      {d.step === 0 && label.summary ? (
        <p>
          <InLanguage {...label.summary} />
        </p>
      ) : null}
      {d.intro ? <ServiceIntro intro={d.intro} /> : null}
      {d.saved ? <Notice>{t("form.draftSaved")}</Notice> : null}
      <ErrorSummary errors={errors} fieldIds={anchors} />
      <Form method="post" encType="multipart/form-data" noValidate className="stack">
        {many ? (
          <h2>
            <LocalText value={current.title} />
          </h2>
        ) : null}
        {current.fields.map((f) => (
          <RequestField key={f.name} field={f} values={values} error={errors?.[f.name]} file={d.files[f.name] ?? null} />
        ))}
        <div className="button-row">
          <button type="submit" className="button" name="_intent" value="next" disabled={busy}>
            {d.step === d.steps.length - 1 ? t("form.toCheck") : t("form.next")}
          </button>
          <button type="submit" className="button button-secondary" name="_intent" value="draft" disabled={busy}>
            {t("form.saveDraft")}
          </button>
        </div>
      </Form>
      {d.step > 0 ? (
        <p>
          <Link to={`/aanvragen/${d.slug}?stap=${d.step}`}>{t("form.previous")}</Link>
        </p>
      ) : null}
    </div>
  );
}

type Intro = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["intro"]>;

/** The service in the page language; Dutch where no translation exists, marked lang="nl". */
function ServiceIntro({ intro }: { intro: Intro }) {
  const { t, i18n } = useTranslation("cases");
  const lng = i18n.language;
  const description = serviceText(intro, "description", lng);
  const requirements = serviceRequirements(intro, lng);
  const conditions = serviceText(intro, "conditions", lng);
  const result = serviceText(intro, "result", lng);
  return (
    <section aria-labelledby="service-about" className="stack">
      <h2 id="service-about" className="visually-hidden">
        {t("form.introAbout")}
      </h2>
      {description ? <InLanguage {...description} as="p" /> : null}
      {requirements.length ? (
        <>
          <h3>{t("form.introNeed")}</h3>
          <ul>
            {requirements.map((r, i) => (
              <li key={i}>
                <InLanguage {...r} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {conditions ? (
        <>
          <h3>{t("form.introConditions")}</h3>
          <InLanguage {...conditions} as="p" />
        </>
      ) : null}
      {result ? (
        <>
          <h3>{t("form.introResult")}</h3>
          <InLanguage {...result} as="p" />
        </>
      ) : null}
    </section>
  );
}
