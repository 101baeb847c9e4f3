import { data, redirect, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorSummary } from "~/components/forms";
import { Pictogram } from "~/components/Pictogram";
import { useFormResult } from "~/components/useFormResult";
import { checkIn } from "~/modules/counter/appointments.server";
import { listThemes, takeTicket } from "~/modules/counter/queue.server";
import { TextField } from "~/components/forms";
import { getLanguage } from "~/utils/i18next.server";
import { slug } from "~/utils/ids";
import { actionOf, anyone, domainErrorResponse, INTENT_FIELD, loaderOf } from "~/utils/kernel";
import { clientIp } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "Neem een ticket – Huis van de Mechelaar" }];
export const handle = { kiosk: true };

export const loader = loaderOf({
  guard: anyone,
  run: async () => ({ themes: (await listThemes()).map((t) => ({ slug: t.slug, letter: t.letter, name: t.name, pictogram: t.pictogram })) }),
});

const chooseTheme = "counter:errors.chooseTheme";
const notFound = "counter:errors.appointmentNotFound";
const counterActions = z.discriminatedUnion(INTENT_FIELD, [
  z.object({ [INTENT_FIELD]: z.literal("checkin"), reference: z.string({ required_error: notFound }).trim().min(1, notFound).max(100, notFound) }),
  z.object({
    [INTENT_FIELD]: z.literal("ticket"),
    theme: z.string({ required_error: chooseTheme }).refine((theme) => slug.safeParse(theme).success, chooseTheme),
    priority: z.literal("on").optional(),
  }),
]);

const actionBody = z.preprocess((input) => ({ [INTENT_FIELD]: "ticket", ...(input as object) }), counterActions);
export const action = actionOf({
  guard: anyone,
  body: actionBody,
  run: async ({ body, values, request, context }) => {
    if (body._intent === "checkin") {
      try {
        return redirect(`/kiosk/loket/ticket/${await checkIn(body.reference, clientIp(context))}`);
      } catch (err) {
        // The appointment code's answer belongs next to its field.
        const failure = domainErrorResponse(err, values, body._intent);
        return data({ ...failure.data, errors: { reference: failure.data.errors._form } }, failure.init ?? undefined);
      }
    }
    const ticket = await takeTicket({ themeSlug: body.theme, priority: body.priority === "on", language: await getLanguage(request) }, clientIp(context));
    return redirect(`/kiosk/loket/ticket/${ticket.id}`);
  },
});

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
          <input type="hidden" name="_intent" value="checkin" />
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
