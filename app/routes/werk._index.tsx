import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SessionsCard } from "~/components/SessionsCard";
import { requireStaff } from "~/modules/identity/guards.server";
import { countActiveSessions } from "~/modules/identity/sessions.server";
import { mayViewUnassigned } from "~/modules/cases/unassigned.server";

export const handle = { i18n: ["admin", "inbox", "counteradmin"] };

export const meta: MetaFunction = () => [{ title: "Werkplek – Digitaal Huis van de Mechelaar" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  return { user: { name: user.name, email: user.email, roles: user.roles, teams: user.teams }, sessions: await countActiveSessions(user.id), unassigned: await mayViewUnassigned(user) };
}

export default function Workplace() {
  const { t } = useTranslation(["common", "admin", "contacts", "inbox", "backoffice", "counteradmin", "auth"]);
  const { user, sessions, unassigned } = useLoaderData<typeof loader>();
  const staffRoles = user.roles.filter((r) => r !== "resident");
  return (
    <div className="stack">
      <h1>{t("workplace.title", { name: user.name })}</h1>
      <section className="card" aria-labelledby="wp-roles">
        <h2 id="wp-roles">{t("workplace.rolesTitle")}</h2>
        <ul>
          {staffRoles.map((r) => (
            <li key={r}>
              <strong>{t(`admin:roles.${r}`)}</strong>: {t(`admin:roleDescriptions.${r}`)}
            </li>
          ))}
        </ul>
        <h3>{t("workplace.teamsTitle")}</h3>
        {user.teams.length ? (
          <ul>
            {user.teams.map((team) => (
              <li key={team.id}>{team.name}</li>
            ))}
          </ul>
        ) : (
          <p>{t("workplace.noTeams")}</p>
        )}
      </section>
      {user.roles.some((r) => r === "frontoffice" || r === "admin") ? (
        <section className="card" aria-labelledby="wp-front">
          <h2 id="wp-front">{t("contacts:workplace.title")}</h2>
          <ul>
            <li>
              <Link to="/werk/bewoners">{t("contacts:workplace.search")}</Link>
            </li>
            <li>
              <Link to="/werk/contacten/nieuw">{t("contacts:workplace.contact")}</Link>
            </li>
            <li>
              <Link to="/werk/bewoners/nieuw">{t("contacts:workplace.newResident")}</Link>
            </li>
            <li>
              <Link to="/werk/ingediende-aanvragen">{t("contacts:workplace.filed")}</Link>
            </li>
            <li>
              <Link to="/werk/inbox">{t("inbox:workplaceLink")}</Link>
            </li>
          </ul>
        </section>
      ) : null}
      {user.roles.some((r) => r === "backoffice" || r === "frontoffice" || r === "admin") ? (
        <section className="card" aria-labelledby="wp-cases">
          <h2 id="wp-cases">{t("backoffice:nav.casesTitle")}</h2>
          <ul>
            {user.roles.some((r) => r === "backoffice" || r === "admin") ? (
              <li>
                <Link to="/werk/dossiers">{t("backoffice:nav.queue")}</Link>
              </li>
            ) : null}
            {user.roles.some((r) => r === "frontoffice" || r === "admin") ? (
              <li>
                <Link to="/werk/taken">{t("backoffice:nav.deskTasks")}</Link>
              </li>
            ) : null}
            {unassigned ? (
              <li>
                <Link to="/werk/zonder-behandelaar">{t("backoffice:nav.unassigned")}</Link>
              </li>
            ) : null}
          </ul>
        </section>
      ) : null}
      {user.roles.some((r) => r === "admin" || r === "backoffice") ? (
        <p>
          <Link to="/werk/inzichten">{t("nav.insights")}</Link>
        </p>
      ) : null}
      {user.roles.includes("admin") ? (
        <section className="card" aria-labelledby="wp-admin">
          <h2 id="wp-admin">{t("workplace.adminTitle")}</h2>
          <ul>
            <li>
              <Link to="/werk/beheer/medewerkers">{t("admin:staff.title")}</Link>
            </li>
            <li>
              <Link to="/werk/beheer/teams">{t("admin:teams.title")}</Link>
            </li>
            <li>
              <Link to="/werk/beheer/diensten">{t("backoffice:nav.services")}</Link>
            </li>
            <li>
              <Link to="/werk/beheer/loketten">{t("counteradmin:title")}</Link>
            </li>
            <li>
              <Link to="/werk/beheer/e-mails">{t("admin:mails.title")}</Link>
            </li>
          </ul>
        </section>
      ) : null}
      <SessionsCard count={sessions} />
      <p>
        <Link to="/werk/account/tweestapsverificatie">{t("auth:account.link")}</Link>
      </p>
    </div>
  );
}
