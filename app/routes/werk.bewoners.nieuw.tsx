import { data, redirect, type MetaFunction } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, RadioGroup, TextField } from "~/components/forms";
import { useFormResult } from "~/components/useFormResult";
import { newResidentInput } from "~/modules/contacts/intake-schema";
import { createResidentRecord } from "~/modules/contacts/intake.server";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { actionOf, loaderOf } from "~/utils/kernel";

export const meta: MetaFunction = () => [{ title: "Bewoner toevoegen – Digitaal Huis van de Mechelaar" }];
export const handle = { i18n: ["contacts"] };

const guard = (request: Request) => requireStaffCan(request, "residents.serve");

export const loader = loaderOf({ guard, run: () => null });

export const action = actionOf({
  guard,
  body: newResidentInput,
  run: async ({ actor, body, values }) => {
    const created = await createResidentRecord(actor, body);
    if (!created.ok) return data({ ok: false as const, errors: created.errors, values }, { status: 409 });
    return redirect(`/werk/bewoners/${created.id}?nieuw=1`);
  },
});

export default function NewResident() {
  const { t } = useTranslation("contacts");
  const { errors, values, busy } = useFormResult();
  return (
    <div className="stack narrow">
      <p className="muted">
        <Link to="/werk/bewoners">{t("file.back")}</Link>
      </p>
      <h1>{t("newResident.title")}</h1>
      <p>{t("newResident.intro")}</p>
      <ErrorSummary errors={errors} fieldIds={{ preferredLanguage: "preferredLanguage-nl", preferredChannel: "preferredChannel-email" }} />
      <Form method="post" className="stack" noValidate>
        <TextField name="name" label={t("newResident.name")} defaultValue={values.name} error={errors?.name} autoComplete="off" />
        <p className="hint">{t("newResident.contactHint")}</p>
        <TextField name="email" type="email" label={t("newResident.email")} defaultValue={values.email} error={errors?.email} autoComplete="off" />
        <TextField name="phone" type="tel" label={t("newResident.phone")} defaultValue={values.phone} error={errors?.phone} autoComplete="off" />
        <RadioGroup
          name="preferredLanguage"
          legend={t("newResident.language")}
          options={(["nl", "en", "fr"] as const).map((l) => ({ value: l, label: t(`languages.${l}`) }))}
          value={values.preferredLanguage ?? "nl"}
          error={errors?.preferredLanguage}
        />
        <RadioGroup
          name="preferredChannel"
          legend={t("newResident.channel")}
          options={(["email", "paper"] as const).map((c) => ({ value: c, label: t(`preferredChannels.${c}`) }))}
          value={values.preferredChannel}
          error={errors?.preferredChannel}
        />
        <div>
          <button type="submit" className="button" disabled={busy}>
            {t("newResident.submit")}
          </button>
        </div>
      </Form>
    </div>
  );
}
