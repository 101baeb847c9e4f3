import { data, redirect, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorSummary, RadioGroup } from "~/components/forms";
import { fieldAnchor, RequestField } from "~/components/RequestForm";
import { pick } from "~/modules/cases/definitions";
import { readPost } from "~/modules/cases/uploads.server";
import { intakeChannel } from "~/modules/contacts/intake-schema";
import { fileOnBehalf, loadIntakeForm } from "~/modules/contacts/intake.server";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { slug, uuid } from "~/utils/ids";
import { actionOf, loaderOf } from "~/utils/kernel";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args, "request", { name: args.data?.title, fallback: "requestFallback" });
export const handle = { i18n: ["contacts", "cases"] };

const guard = (request: Request) => requireStaffCan(request, "residents.serve");
const params = z.object({ id: uuid, slug });

export const loader = loaderOf({
  guard,
  params,
  run: async ({ actor, params }) => {
    const { resident, def } = await loadIntakeForm(actor, params.id, params.slug);
    // A fresh key per page view: a double click or a retry of this post files one case.
    return {
      resident: { id: resident.id, name: resident.name },
      slug: def.slug,
      title: def.title,
      summary: def.summary,
      steps: def.form.steps,
      idempotencyKey: crypto.randomUUID(),
    };
  },
});

/** The request form's own fields are checked by the service's form definition (fileOnBehalf). */
export const action = actionOf({
  guard,
  params,
  body: z.object({}).passthrough(),
  read: async (request) => {
    const { form, uploads } = await readPost(request);
    return { form, extra: { form, uploads } };
  },
  run: async ({ actor, params, extra: { form, uploads }, values }) => {
    // Our own fields start with "_" so they never clash with a field of a request form.
    const channelRaw = String(form.get("_channel") ?? "");
    const key = String(form.get("_key") ?? "");
    const channel = intakeChannel.safeParse(channelRaw);
    const keep = { channel: channelRaw, key };
    if (!channel.success) return data({ ok: false as const, errors: { _channel: "contacts:errors.intakeChannel" } as Record<string, string>, values, keep }, { status: 400 });
    if (!uuid.safeParse(key).success) return data({ ok: false as const, errors: { _form: "common:errors.invalid" } as Record<string, string>, values, keep }, { status: 400 });
    const result = await fileOnBehalf(actor, {
      residentId: params.id,
      slug: params.slug,
      channel: channel.data,
      values,
      uploads,
      idempotencyKey: key,
      identityChecked: form.get("_identityChecked") === "1",
    });
    if (!result.ok) return data({ ok: false as const, errors: result.errors as Record<string, string>, values, keep }, { status: 400 });
    return redirect(`/werk/bewoners/${params.id}/aanvraag/bevestiging/${result.reference}`);
  },
});

export default function IntakeForm() {
  const { t, i18n } = useTranslation(["contacts", "cases"]);
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = result && !result.ok ? result.errors : undefined;
  const values = (result && !result.ok ? result.values : {}) as Record<string, string | string[]>;
  const kept = result && "keep" in result ? (result.keep as { channel: string; key: string }) : undefined;
  const keep = kept ?? { channel: "counter", key: d.idempotencyKey };
  const anchors: Record<string, string> = { _channel: "_channel-counter" };
  for (const s of d.steps) for (const f of s.fields) anchors[f.name] = fieldAnchor(f);
  return (
    <div className="stack narrow">
      <p className="muted">
        <Link to={`/werk/bewoners/${d.resident.id}/aanvraag`}>{t("intake.back")}</Link>
      </p>
      <h1>{t("intake.formTitle", { service: d.title })}</h1>
      <p>
        <strong>{t("intake.forResident", { name: d.resident.name })}</strong>
      </p>
      <p>{d.summary}</p>
      <ErrorSummary errors={errors} fieldIds={anchors} />
      <Form method="post" encType="multipart/form-data" noValidate className="stack">
        <input type="hidden" name="_key" value={keep.key || d.idempotencyKey} />
        <RadioGroup
          name="_channel"
          legend={t("intake.howReceived")}
          options={(["counter", "phone"] as const).map((c) => ({ value: c, label: t(`intake.channels.${c}`) }))}
          value={keep.channel || "counter"}
          error={errors?._channel}
        />
        {d.steps.map((step, i) => (
          <section key={i} className="stack" aria-labelledby={d.steps.length > 1 ? `step-${i}` : undefined}>
            {d.steps.length > 1 ? <h2 id={`step-${i}`}>{pick(step.title, i18n.language)}</h2> : null}
            {step.fields.map((f) => (
              <RequestField key={f.name} field={f} values={values} error={errors?.[f.name]} file={null} />
            ))}
          </section>
        ))}
        <div className="field checkbox">
          <input type="checkbox" id="_identityChecked" name="_identityChecked" value="1" defaultChecked={values._identityChecked === "1"} />
          <label htmlFor="_identityChecked">{t("intake.identityChecked")}</label>
        </div>
        <div>
          <button type="submit" className="button" disabled={busy}>
            {t("intake.submit")}
          </button>
        </div>
      </Form>
    </div>
  );
}
