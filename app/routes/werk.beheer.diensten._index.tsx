import { redirect, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Notice } from "~/components/forms";
import { listServiceConfigs } from "~/modules/cases/service-admin.server";
import { listTeamsWithMembers, setTeamLeads } from "~/modules/identity/team-leads.server";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { asList } from "~/utils/forms";
import { uuid } from "~/utils/ids";
import { actionOf, loaderOf } from "~/utils/kernel";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "services");
export const handle = { i18n: ["backoffice"] };

const guard = (request: Request) => requireStaffCan(request, "admin.manage");

export const loader = loaderOf({
  guard,
  run: async ({ actor }) => {
    const [services, teams] = await Promise.all([listServiceConfigs(actor), listTeamsWithMembers(actor)]);
    return { services, teams };
  },
});

/** Team leads get the daily overview of late and due-tomorrow cases. */
export const action = actionOf({
  guard,
  body: z.object({ teamId: uuid, leadIds: z.preprocess(asList, z.array(uuid).max(200)) }),
  run: async ({ actor, body }) => {
    await setTeamLeads(actor, body.teamId, body.leadIds);
    return redirect("/werk/beheer/diensten?leiding=1#leads-title");
  },
});

export default function ServiceConfigs() {
  const { t } = useTranslation("backoffice");
  const { services, teams } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="stack">
      {params.has("opgeslagen") ? <Notice>{t("admin.saved")}</Notice> : null}
      {params.has("leiding") ? <Notice>{t("admin.leadsSaved")}</Notice> : null}
      <h1>{t("admin.title")}</h1>
      <p>{t("admin.intro")}</p>
      <div className="table-scroll" role="region" aria-labelledby="svc-caption" tabIndex={0}>
        <table className="case-table">
          <caption id="svc-caption">{t("admin.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.service")}</th>
              <th scope="col">{t("admin.team")}</th>
              <th scope="col">{t("admin.statuses")}</th>
              <th scope="col">{t("admin.normDays")}</th>
            </tr>
          </thead>
          <tbody>
            {services.map((s) => (
              <tr key={s.slug}>
                <td>
                  <Link to={`/werk/beheer/diensten/${s.slug}`}>{s.title}</Link>
                </td>
                <td>{s.teamName ?? t("admin.noTeam")}</td>
                <td>{s.statuses}</td>
                <td>{s.normDays}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="card" aria-labelledby="leads-title">
        <h2 id="leads-title">{t("admin.leadsTitle")}</h2>
        <p>{t("admin.leadsIntro")}</p>
        {teams.map((team) => (
          <Form method="post" key={team.id} className="stack">
            <input type="hidden" name="teamId" value={team.id} />
            <fieldset className="field">
              <legend>{team.name}</legend>
              {team.members.map((m) => (
                <div className="choice" key={m.id}>
                  <input type="checkbox" id={`lead-${team.id}-${m.id}`} name="leadIds" value={m.id} defaultChecked={m.isLead} />
                  <label htmlFor={`lead-${team.id}-${m.id}`}>{m.name}</label>
                </div>
              ))}
            </fieldset>
            <div>
              <button type="submit" className="button button-secondary">
                {t("admin.leadsSave", { team: team.name })}
              </button>
            </div>
          </Form>
        ))}
      </section>
    </div>
  );
}
