import { data, redirect, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorSummary } from "~/components/forms";
import { Pictogram } from "~/components/Pictogram";
import { useFormResult } from "~/components/useFormResult";
import { checkIn } from "~/modules/counter/appointments.server";
import { listThemes, takeTicket } from "~/modules/counter/queue.server";
import { TextField } from "~/components/forms";
import { formValues } from "~/utils/forms";
import { getLanguage } from "~/utils/i18next.server";
import { clientIp, domainErrorToForm } from "~/utils/request.server";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "kioskTicket");
export const handle = { i18n: ["counter"], kiosk: true };

export async function loader() {
  return { themes: (await listThemes()).map((t) => ({ slug: t.slug, letter: t.letter, name: t.name, pictogram: t.pictogram })) };
}

const ticketSchema = z.object({ theme: z.string().min(1, "counter:errors.chooseTheme"), priority: z.literal("on").optional() });

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const values = formValues(form);
  if (values.intent === "checkin") {
    const reference = String(values.reference ?? "").trim();
    if (!reference) return data({ ok: false as const, errors: { reference: "counter:errors.appointmentNotFound" }, values }, { status: 400 });
    try {
      return redirect(`/kiosk/loket/ticket/${await checkIn(reference, clientIp(context))}`);
    } catch (err) {
      const failure = domainErrorToForm(err, values);
      return data({ ok: false as const, errors: { reference: failure.data.errors._form }, values }, { status: failure.init?.status ?? 400 });
    }
  }
  const parsed = ticketSchema.safeParse(values);
  if (!parsed.success) return data({ ok: false as const, errors: { theme: "counter:errors.chooseTheme" }, values }, { status: 400 });
  try {
    const ticket = await takeTicket({ themeSlug: parsed.data.theme, priority: parsed.data.priority === "on", language: await getLanguage(request) }, clientIp(context));
    return redirect(`/kiosk/loket/ticket/${ticket.id}`);
  } catch (err) {
    return domainErrorToForm(err, values);
  }
}

export default function KioskTakeTicket() {
  const { t, i18n } = useTranslation("counter");
  const { themes } = useLoaderData<typeof loader>();
  const { errors, values, busy } = useFormResult();
  const lng = (i18n.language ?? "nl") as "nl" | "en" | "fr";
  return (
    <div className="stack kiosk">
      <h1>{t("kiosk.title")}</h1>
      <p className="lead">{t("kiosk.intro")}</p>
      <ErrorSummary errors={errors} fieldIds={{ theme: themes[0] ? `theme-${themes[0].slug}` : "theme" }} />
      {themes.length === 0 ? <p>{t("kiosk.noThemes")}</p> : null}
      <Form method="post" className="stack">
        <div className="choice kiosk-priority">
          <input type="checkbox" id="priority" name="priority" />
          <label htmlFor="priority">{t("kiosk.priority")}</label>
        </div>
        <fieldset className="kiosk-themes">
          <legend>{t("kiosk.chooseTheme")}</legend>
          {themes.map((theme) => (
            <button key={theme.slug} id={`theme-${theme.slug}`} type="submit" name="theme" value={theme.slug} className="kiosk-theme" disabled={busy}>
              <Pictogram name={theme.pictogram} size={56} />
              <span>{theme.name[lng] ?? theme.name.nl}</span>
            </button>
          ))}
        </fieldset>
      </Form>
      <section className="card stack" aria-labelledby="checkin-title">
        <h2 id="checkin-title">{t("checkin.title")}</h2>
        <p>{t("checkin.intro")}</p>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="checkin" />
          <TextField
            name="reference"
            label={t("checkin.label")}
            hint={t("checkin.hint")}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            defaultValue={values.reference}
            error={errors?.reference}
          />
          <button type="submit" className="button" disabled={busy}>
            {t("checkin.submit")}
          </button>
        </Form>
      </section>
    </div>
  );
}
