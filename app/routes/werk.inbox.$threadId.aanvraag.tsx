import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, Notice } from "~/components/forms";
import { fieldAnchor, RequestField } from "~/components/RequestForm";
import { definitionBySlug, listRequestable } from "~/modules/cases/definitions.server";
import { orHttpError } from "~/modules/cases/http.server";
import { agentFields, fileRequestFromThread, prefillFromMail, requestSource } from "~/modules/contacts/inbox.server";
import { requireStaff } from "~/modules/identity/guards.server";
import { formValues } from "~/utils/forms";
import { domainErrorToForm } from "~/utils/request.server";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "mailToRequest");
export const handle = { i18n: ["inbox", "cases"] };

/** "Turn into a request": choose the service, then its form, prefilled with the mail, for the sender's resident. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const agent = await requireStaff(request, ["frontoffice", "admin"]);
  const source = await orHttpError(requestSource(agent, params.threadId!));
  const services = (await listRequestable()).map((d) => ({ slug: d.slug, title: d.title }));
  const slug = new URL(request.url).searchParams.get("dienst");
  const def = slug ? await definitionBySlug(slug) : undefined;
  const fields = def ? agentFields(def.form) : [];
  return {
    threadId: params.threadId!,
    resident: source.resident ? { name: source.resident.name } : null,
    alreadyFiled: Boolean(source.caseId),
    services,
    chosen: def ? { slug: def.slug, title: def.title } : null,
    fields,
    values: def ? prefillFromMail(fields, source) : {},
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const agent = await requireStaff(request, ["frontoffice", "admin"]);
  const form = await request.formData();
  const values = formValues(form);
  const slug = String(form.get("_service") ?? "");
  try {
    const r = await fileRequestFromThread(agent, params.threadId!, slug, values);
    if (!r.ok) return data({ ok: false as const, errors: r.errors, values }, { status: 400 });
    return redirect(`/werk/inbox/${params.threadId}/aanvraag?ingediend=${encodeURIComponent(r.reference)}`);
  } catch (err) {
    return domainErrorToForm(err, values);
  }
}

export default function MailToRequest() {
  const { t } = useTranslation("inbox");
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = result && !result.ok ? result.errors : undefined;
  const values = result && !result.ok ? result.values : d.values;
  const [params] = useSearchParams();
  const filed = params.get("ingediend");
  const back = (
    <p>
      <Link to={`/werk/inbox/${d.threadId}`}>{t("thread.back")}</Link>
    </p>
  );
  return (
    <div className="stack narrow">
      {back}
      <h1>{t("toRequest.title")}</h1>
      {filed ? <Notice>{t("toRequest.done", { reference: filed })}</Notice> : null}
      {!d.resident ? (
        <p>{t("toRequest.noResident")}</p>
      ) : d.alreadyFiled ? (
        <p>{t("toRequest.already")}</p>
      ) : (
        <>
          <p>{t("toRequest.intro", { name: d.resident.name })}</p>
          <ErrorSummary errors={errors} fieldIds={Object.fromEntries(d.fields.map((f) => [f.name, fieldAnchor(f)]))} />
          <Form method="get" className="stack">
            <div className="field">
              <label htmlFor="dienst">{t("toRequest.service")}</label>
              <select id="dienst" name="dienst" defaultValue={d.chosen?.slug ?? ""}>
                <option value="">{t("toRequest.choose")}</option>
                {d.services.map((s) => (
                  <option key={s.slug} value={s.slug}>
                    {s.title}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button button-secondary">
              {t("toRequest.next")}
            </button>
          </Form>
          {d.chosen ? (
            <Form method="post" className="stack" noValidate>
              <h2>{d.chosen.title}</h2>
              <p>{t("toRequest.prefilled")}</p>
              <input type="hidden" name="_service" value={d.chosen.slug} />
              {d.fields.map((f) => (
                <RequestField key={f.name} field={f} values={values} error={errors?.[f.name]} />
              ))}
              <p className="muted">{t("toRequest.noFiles")}</p>
              <button type="submit" className="button" disabled={busy}>
                {t("toRequest.submit")}
              </button>
            </Form>
          ) : null}
        </>
      )}
    </div>
  );
}
