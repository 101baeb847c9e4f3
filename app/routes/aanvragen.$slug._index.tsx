import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, Notice } from "~/components/forms";
import { RequestField, fieldAnchor } from "~/components/RequestForm";
import { pick } from "~/modules/cases/definitions";
import { loadRequestStep, saveRequestStep } from "~/modules/cases/requests.server";
import { readPost } from "~/modules/cases/uploads.server";
import { requireUser } from "~/modules/identity/guards.server";
import { formValues } from "~/utils/forms";
import { domainErrorToForm } from "~/utils/request.server";
import { languageFromMatches, pageMeta } from "~/i18n/meta";
import { InLanguage, LocalText } from "~/components/InLanguage";
import { serviceLabel } from "~/modules/catalog/localize";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, "request", { name: args.data && serviceLabel(args.data, languageFromMatches(args.matches)).title.text, fallback: "requestFallback" });

const stepFrom = (url: URL) => Math.max(1, Number.parseInt(url.searchParams.get("stap") ?? "1", 10) || 1) - 1;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "resident" });
  const url = new URL(request.url);
  const wanted = stepFrom(url);
  const r = await loadRequestStep(user, params.slug!, wanted);
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
    saved: url.searchParams.get("bewaard") === "1",
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: "resident" });
  const step = stepFrom(new URL(request.url));
  const { form, uploads } = await readPost(request);
  const values = formValues(form);
  const mode = form.get("_intent") === "draft" ? "draft" : "next";
  try {
    const r = await saveRequestStep(user, params.slug!, step, values, uploads, mode);
    if (!r.ok) return data(r, { status: 400 });
    if (r.next === "draft") return redirect(`/aanvragen/${params.slug}?stap=${step + 1}&bewaard=1`);
    if (r.next === "check") return redirect(`/aanvragen/${params.slug}/controleren`);
    return redirect(`/aanvragen/${params.slug}?stap=${r.step + 1}`);
  } catch (err) {
    return domainErrorToForm(err, values);
  }
}

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
