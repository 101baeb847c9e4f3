import { redirect, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorSummary, Notice } from "~/components/forms";
import { useFormResult } from "~/components/useFormResult";
import { availableSlots, bookAppointment, getAppointment, scheduleIsDemo } from "~/modules/counter/appointments.server";
import { listThemes } from "~/modules/counter/queue.server";
import { requireUser } from "~/modules/identity/guards.server";
import { slug, uuid } from "~/utils/ids";
import { actionOf, loaderOf } from "~/utils/kernel";

export const meta: MetaFunction = () => [{ title: "Afspraak maken – Digitaal Huis van de Mechelaar" }];

/** An unknown theme shows the list of themes; a malformed `verzet` is ignored, as before. */
const bookingQuery = z.object({ thema: z.string().max(120).optional(), verzet: uuid.optional().catch(undefined) });

export const loader = loaderOf({
  guard: (request) => requireUser(request, { role: "resident" }),
  query: bookingQuery,
  run: async ({ actor, query }) => {
    // Someone else's appointment is a 404 (a DomainError, mapped by the kernel).
    if (query.verzet) await getAppointment(actor, query.verzet);
    const themes = (await listThemes()).map((t) => ({ slug: t.slug, name: t.name }));
    const theme = themes.find((t) => t.slug === query.thema);
    return {
      themes,
      theme: theme ?? null,
      slots: theme ? await availableSlots(theme.slug) : [],
      demo: theme ? await scheduleIsDemo(theme.slug) : false,
      replaces: query.verzet ?? null,
    };
  },
});

const chooseSlot = "counter:errors.chooseSlot";
const bookingSchema = z.object({
  theme: slug,
  startsAt: z.string({ required_error: chooseSlot, invalid_type_error: chooseSlot }).datetime({ message: chooseSlot }),
  replaces: uuid.optional().or(z.literal("").transform(() => undefined)),
});

export const action = actionOf({
  guard: (request) => requireUser(request, { role: "resident" }),
  body: bookingSchema,
  run: async ({ actor, body }) => {
    const appointment = await bookAppointment(actor, { residentId: actor.id, themeSlug: body.theme, startsAt: new Date(body.startsAt), replaces: body.replaces });
    return redirect(`/mijn/afspraken/${appointment.id}?bevestigd=1`);
  },
});

export default function BookAppointment() {
  const { t, i18n } = useTranslation("counter");
  const { themes, theme, slots, demo, replaces } = useLoaderData<typeof loader>();
  const { errors, busy } = useFormResult();
  const lng = (i18n.language ?? "nl") as "nl" | "en" | "fr";
  const locale = lng === "nl" ? "nl-BE" : lng === "fr" ? "fr-BE" : "en-GB";
  const day = new Intl.DateTimeFormat(locale, { weekday: "long", day: "numeric", month: "long", timeZone: "Europe/Brussels" });
  const time = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Brussels" });
  const byDay = new Map<string, typeof slots>();
  for (const slot of slots) {
    const key = day.format(new Date(slot.startsAt));
    byDay.set(key, [...(byDay.get(key) ?? []), slot]);
  }
  const suffix = replaces ? `&verzet=${replaces}` : "";

  return (
    <div className="stack">
      <h1>{replaces ? t("booking.rescheduleTitle") : t("booking.title")}</h1>
      <p>{t("booking.intro")}</p>
      <nav aria-labelledby="booking-themes">
        <h2 id="booking-themes">{t("booking.chooseTheme")}</h2>
        <ul className="link-list">
          {themes.map((x) => (
            <li key={x.slug}>
              <Link to={`/afspraak?thema=${x.slug}${suffix}`} aria-current={theme?.slug === x.slug ? "true" : undefined}>
                {x.name[lng] ?? x.name.nl}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {theme ? (
        <section aria-labelledby="booking-slots" className="stack">
          <h2 id="booking-slots">{t("booking.chooseSlot", { theme: theme.name[lng] ?? theme.name.nl })}</h2>
          {demo ? <Notice>{t("booking.demoSchedule")}</Notice> : null}
          <ErrorSummary errors={errors} fieldIds={{ startsAt: slots[0] ? `slot-${slots[0].startsAt}` : "startsAt" }} />
          {slots.length === 0 ? (
            <p>{t("booking.noSlots")}</p>
          ) : (
            <Form method="post" className="stack" noValidate>
              <input type="hidden" name="theme" value={theme.slug} />
              <input type="hidden" name="replaces" value={replaces ?? ""} />
              {[...byDay].map(([label, daySlots]) => (
                <fieldset key={label} className="field slot-day">
                  <legend>{label}</legend>
                  <div className="slot-grid">
                    {daySlots.map((slot) => (
                      <div className="choice" key={slot.startsAt}>
                        <input type="radio" name="startsAt" id={`slot-${slot.startsAt}`} value={slot.startsAt} />
                        <label htmlFor={`slot-${slot.startsAt}`}>{time.format(new Date(slot.startsAt))}</label>
                      </div>
                    ))}
                  </div>
                </fieldset>
              ))}
              <button type="submit" className="button" disabled={busy}>
                {t("booking.confirm")}
              </button>
            </Form>
          )}
        </section>
      ) : null}
    </div>
  );
}
