import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SessionsCard } from "~/components/SessionsCard";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { can } from "~/modules/identity/permissions";
import { countActiveSessions } from "~/modules/identity/sessions.server";
import { mayViewUnassigned } from "~/modules/cases/unassigned.server";
import { loaderOf } from "~/utils/kernel";
import { pageMeta } from "~/i18n/meta";

export const handle = { i18n: ["admin", "inbox", "counteradmin"] };

export const meta: MetaFunction = (args) => pageMeta(args, "workplace");

export const loader = loaderOf({
  guard: (request) => requireStaffCan(request, "workplace.view"),
  run: async ({ actor: user }) => ({
    user: { name: user.name, email: user.email, roles: user.roles, teams: user.teams },
    // What the page links to: the same rules as the pages' own guards.
    may: {
      serve: can(user, "residents.serve"),
      cases: can(user, "cases.view"),
      queue: can(user, "cases.queue"),
      insights: can(user, "insights.view"),
      admin: can(user, "admin.manage"),
    },
    sessions: await countActiveSessions(user.id),
    unassigned: mayViewUnassigned(user),
  }),
});

export default function Workplace() {
  const { t } = useTranslation(["common", "admin", "contacts", "inbox", "backoffice", "counteradmin", "auth"]);
  const { user, may, sessions, unassigned } = useLoaderData<typeof loader>();
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
      {may.serve ? (
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
      {may.cases ? (
        <section className="card" aria-labelledby="wp-cases">
          <h2 id="wp-cases">{t("backoffice:nav.casesTitle")}</h2>
          <ul>
            {may.queue ? (
              <li>
                <Link to="/werk/dossiers">{t("backoffice:nav.queue")}</Link>
              </li>
            ) : null}
            {may.serve ? (
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
      {may.insights ? (
        <p>
          <Link to="/werk/inzichten">{t("nav.insights")}</Link>
        </p>
      ) : null}
      {may.admin ? (
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
