import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SessionsCard } from "~/components/SessionsCard";
import { auditTrailFor } from "~/modules/audit/audit.server";
import { requireUser } from "~/modules/identity/guards.server";
import { countActiveSessions } from "~/modules/identity/sessions.server";
import { listAppointmentsFor } from "~/modules/counter/appointments.server";
import { brusselsFormat } from "~/utils/brussels-format";
import { loaderOf } from "~/utils/kernel";
import { pageMeta } from "~/i18n/meta";
import { TableScroll } from "~/components/TableScroll";

export const meta: MetaFunction = (args) => pageMeta(args, "myPage");

export const loader = loaderOf({
  guard: (request) => requireUser(request, { role: "resident" }),
  run: async ({ actor: user }) => {
    const [sessions, trail, appointments] = await Promise.all([countActiveSessions(user.id), auditTrailFor(user.id, 20), listAppointmentsFor(user.id)]);
    return {
      user: { name: user.name, email: user.email, preferredLanguage: user.preferredLanguage, preferredChannel: user.preferredChannel },
      sessions,
      appointments: appointments.map((a) => ({ id: a.id, reference: a.reference, startsAt: a.startsAt.toISOString(), status: a.status, themeName: a.themeName })),
      trail: trail.map((e) => ({ at: e.at.toISOString(), action: e.action, actorName: e.actorName })),
    };
  },
});

export default function Mine() {
  const { t, i18n } = useTranslation();
  const { user, sessions, trail, appointments } = useLoaderData<typeof loader>();
  const lng = (i18n.language ?? "nl") as "nl" | "en" | "fr";
  const date = brusselsFormat(i18n.language, "dateTime");
  return (
    <div className="stack">
      <h1>{t("mine.title", { name: user.name })}</h1>
      <section className="card" aria-labelledby="mine-details">
        <h2 id="mine-details">{t("mine.details")}</h2>
        <dl className="summary-list">
          <dt>{t("mine.name")}</dt>
          <dd>{user.name}</dd>
          <dt>{t("mine.email")}</dt>
          <dd>{user.email}</dd>
          <dt>{t("mine.language")}</dt>
          <dd>{t(`languages.${user.preferredLanguage}`)}</dd>
          <dt>{t("mine.channel")}</dt>
          <dd>{t(`channels.${user.preferredChannel}`)}</dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="mine-appointments">
        <h2 id="mine-appointments">{t("counter:appointment.list")}</h2>
        {appointments.length ? (
          <ul>
            {appointments.map((a) => (
              <li key={a.id}>
                <Link to={`/mijn/afspraken/${a.id}`}>
                  {date.format(new Date(a.startsAt))} · {a.themeName[lng] ?? a.themeName.nl}
                </Link>{" "}
                ({t(`counter:appointmentStatus.${a.status}`)})
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("counter:appointment.none")}</p>
        )}
        <p>
          <Link to="/afspraak">{t("counter:appointment.make")}</Link>
        </p>
      </section>
      <section className="card" aria-labelledby="mine-dossiers">
        <h2 id="mine-dossiers">{t("cases:mine.dossiersTitle")}</h2>
        <p>{t("cases:mine.dossiersBody")}</p>
        <p>
          <Link to="/mijn/dossiers">{t("cases:mine.dossiersLink")}</Link>
        </p>
        <h3>{t("cases:mine.exportTitle")}</h3>
        <p>{t("cases:mine.exportBody")}</p>
        <p>
          <a href="/mijn/gegevens.json" download>
            {t("cases:mine.exportLink")}
          </a>
        </p>
      </section>
      <section className="card" aria-labelledby="mine-access">
        <h2 id="mine-access">{t("mine.accessTitle")}</h2>
        <p>{t("mine.accessIntro")}</p>
        {trail.length ? (
          <TableScroll labelledBy="mine-access">
            <table>
              <caption className="visually-hidden">{t("mine.accessTitle")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("mine.accessWhen")}</th>
                  <th scope="col">{t("mine.accessWho")}</th>
                  <th scope="col">{t("mine.accessWhat")}</th>
                </tr>
              </thead>
              <tbody>
                {trail.map((e, i) => (
                  <tr key={i}>
                    <td>{date.format(new Date(e.at))}</td>
                    <td>{e.actorName ?? t("mine.accessSystem")}</td>
                    <td>{t(`audit.${e.action}`, { defaultValue: e.action })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : (
          <p>{t("mine.accessNone")}</p>
        )}
      </section>
      <SessionsCard count={sessions} />
    </div>
  );
}
