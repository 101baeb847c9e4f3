import { data, redirect, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorSummary, Notice } from "~/components/forms";
import { fieldAnchor, RequestField } from "~/components/RequestForm";
import { definitionBySlug, listRequestable } from "~/modules/cases/definitions.server";
import { agentFields, fileRequestFromThread, prefillFromMail, requestSource } from "~/modules/contacts/inbox.server";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { slug, uuid } from "~/utils/ids";
import { actionOf, loaderOf, readFormData } from "~/utils/kernel";

export const meta: MetaFunction = () => [{ title: "Aanvraag maken van een mail – Digitaal Huis van de Mechelaar" }];
export const handle = { i18n: ["inbox", "cases"] };

const guard = (request: Request) => requireStaffCan(request, "residents.serve");
const params = z.object({ threadId: uuid });

/** "Turn into a request": choose the service, then its form, prefilled with the mail, for the sender's resident. */
export const loader = loaderOf({
  guard,
  params,
  query: z.object({ dienst: slug.optional(), ingediend: z.string().max(40).optional() }),
  run: async ({ actor, params, query }) => {
    const source = await requestSource(actor, params.threadId);
    const services = (await listRequestable()).map((d) => ({ slug: d.slug, title: d.title }));
    const def = query.dienst ? await definitionBySlug(query.dienst) : undefined;
    const fields = def ? agentFields(def.form) : [];
    return {
      threadId: params.threadId,
      resident: source.resident ? { name: source.resident.name } : null,
      alreadyFiled: Boolean(source.caseId),
      services,
      chosen: def ? { slug: def.slug, title: def.title } : null,
      fields,
      values: def ? prefillFromMail(fields, source) : {},
    };
  },
});

/** The request's own fields are checked by the service's form definition (fileRequestFromThread). */
export const action = actionOf({
  guard,
  params,
  body: z.object({}).passthrough(),
  read: async (request) => {
    const form = await readFormData(request);
    return { form, extra: form };
  },
  run: async ({ actor, params, extra: form, values }) => {
    const service = slug.safeParse(form.get("_service"));
    if (!service.success) return data({ ok: false as const, errors: { _form: "common:errors.invalid" } as Record<string, string>, values }, { status: 400 });
    const r = await fileRequestFromThread(actor, params.threadId, service.data, values);
    if (!r.ok) return data({ ok: false as const, errors: r.errors, values }, { status: 400 });
    return redirect(`/werk/inbox/${params.threadId}/aanvraag?ingediend=${encodeURIComponent(r.reference)}`);
  },
});

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
