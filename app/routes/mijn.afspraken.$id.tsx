import { redirect, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import QRCode from "qrcode";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorSummary, Notice } from "~/components/forms";
import { useFormResult } from "~/components/useFormResult";
import { cancelAppointment, getAppointment } from "~/modules/counter/appointments.server";
import { requireUser } from "~/modules/identity/guards.server";
import { uuid } from "~/utils/ids";
import { actionOf, INTENT_FIELD, loaderOf } from "~/utils/kernel";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "myAppointment");
export const handle = { i18n: ["counter"] };

const appointmentParams = z.object({ id: uuid });
const resident = (request: Request) => requireUser(request, { role: "resident" });

export const loader = loaderOf({
  guard: resident,
  params: appointmentParams,
  run: async ({ actor, params }) => {
    const appointment = await getAppointment(actor, params.id);
    return {
      id: appointment.id,
      reference: appointment.reference,
      startsAt: appointment.startsAt.toISOString(),
      status: appointment.status,
      themeName: appointment.themeName,
      themeSlug: appointment.themeSlug,
      qr: await QRCode.toDataURL(appointment.reference, { errorCorrectionLevel: "M", margin: 2, scale: 8 }),
    };
  },
});

const actionBody = z.object({ [INTENT_FIELD]: z.literal("cancel").optional() });
export const action = actionOf({
  guard: resident,
  params: appointmentParams,
  body: actionBody,
  run: async ({ actor, params }) => {
    // Someone else's appointment is a 404 (the kernel maps NOT_FOUND and FORBIDDEN).
    const appointment = await getAppointment(actor, params.id);
    await cancelAppointment(actor, appointment.id);
    return redirect(`/mijn/afspraken/${appointment.id}?geannuleerd=1`);
  },
});

export default function MyAppointment() {
  const { t, i18n } = useTranslation("counter");
  const a = useLoaderData<typeof loader>();
  const { errors, busy } = useFormResult();
  const [params] = useSearchParams();
  const lng = (i18n.language ?? "nl") as "nl" | "en" | "fr";
  const when = new Intl.DateTimeFormat(lng === "nl" ? "nl-BE" : lng === "fr" ? "fr-BE" : "en-GB", { dateStyle: "full", timeStyle: "short", timeZone: "Europe/Brussels" }).format(
    new Date(a.startsAt),
  );
  return (
    <div className="stack narrow">
      {params.has("bevestigd") ? <Notice>{t("appointment.confirmed")}</Notice> : null}
      {params.has("geannuleerd") ? <Notice>{t("appointment.cancelled")}</Notice> : null}
      <ErrorSummary errors={errors} />
      <h1>{t("appointment.title")}</h1>
      <dl className="summary-list">
        <dt>{t("appointment.when")}</dt>
        <dd>{when}</dd>
        <dt>{t("appointment.what")}</dt>
        <dd>{a.themeName[lng] ?? a.themeName.nl}</dd>
        <dt>{t("appointment.code")}</dt>
        <dd>
          <strong>{a.reference}</strong>
        </dd>
        <dt>{t("appointment.status")}</dt>
        <dd>{t(`appointmentStatus.${a.status}`)}</dd>
      </dl>
      {a.status === "booked" ? (
        <>
          <p>{t("appointment.howToCheckIn")}</p>
          <img src={a.qr} width={200} height={200} alt={t("mail.qrAlt", { reference: a.reference })} />
          <div className="actions">
            <Link className="button button-secondary" to={`/afspraak?thema=${a.themeSlug}&verzet=${a.id}`}>
              {t("appointment.reschedule")}
            </Link>
            <Form method="post">
              <button type="submit" className="button button-secondary" name="_intent" value="cancel" disabled={busy}>
                {t("appointment.cancel")}
              </button>
            </Form>
          </div>
        </>
      ) : null}
      <p>
        <Link to="/mijn">{t("appointment.back")}</Link>
      </p>
    </div>
  );
}
