import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorSummary, Notice } from "~/components/forms";
import { useFormResult } from "~/components/useFormResult";
import { availableSlots, bookAppointment, getAppointment, scheduleIsDemo } from "~/modules/counter/appointments.server";
import { listThemes } from "~/modules/counter/queue.server";
import { requireUser } from "~/modules/identity/guards.server";
import { DomainError } from "~/modules/platform/errors";
import { formValues } from "~/utils/forms";
import { domainErrorToForm } from "~/utils/request.server";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "appointment");
export const handle = { i18n: ["counter"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "resident" });
  const url = new URL(request.url);
  const themeSlug = url.searchParams.get("thema");
  const replaces = z.string().uuid().safeParse(url.searchParams.get("verzet"));
  if (replaces.success) {
    try {
      await getAppointment(user, replaces.data);
    } catch (err) {
      if (err instanceof DomainError) throw new Response("Not found", { status: 404 });
      throw err;
    }
  }
  const themes = (await listThemes()).map((t) => ({ slug: t.slug, name: t.name }));
  const theme = themes.find((t) => t.slug === themeSlug);
  return {
    themes,
    theme: theme ?? null,
    slots: theme ? await availableSlots(theme.slug) : [],
    demo: theme ? await scheduleIsDemo(theme.slug) : false,
    replaces: replaces.success ? replaces.data : null,
  };
}

const bookingSchema = z.object({
  theme: z.string().min(1),
  startsAt: z.string({ required_error: "counter:errors.chooseSlot" }).datetime({ message: "counter:errors.chooseSlot" }),
  replaces: z.string().uuid().optional().or(z.literal("").transform(() => undefined)),
});

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: "resident" });
  const values = formValues(await request.formData());
  const parsed = bookingSchema.safeParse(values);
  if (!parsed.success) return data({ ok: false as const, errors: { startsAt: "counter:errors.chooseSlot" }, values }, { status: 400 });
  try {
    const appointment = await bookAppointment(user, {
      residentId: user.id,
      themeSlug: parsed.data.theme,
      startsAt: new Date(parsed.data.startsAt),
      replaces: parsed.data.replaces,
    });
    return redirect(`/mijn/afspraken/${appointment.id}?bevestigd=1`);
  } catch (err) {
    return domainErrorToForm(err, values);
  }
}

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
