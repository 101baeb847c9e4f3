import { redirect, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useFormResult } from "~/components/useFormResult";
import { ErrorSummary, Notice, TextField } from "~/components/forms";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { teamSchema } from "~/modules/identity/schemas";
import { createTeam, listTeams } from "~/modules/identity/staff.server";
import { actionOf, loaderOf } from "~/utils/kernel";
import { pageMeta } from "~/i18n/meta";
import { TableScroll } from "~/components/TableScroll";

export const meta: MetaFunction = (args) => pageMeta(args, "teams");
export const handle = { i18n: ["admin"] };

const guard = (request: Request) => requireStaffCan(request, "admin.manage");

export const loader = loaderOf({ guard, run: async () => ({ teams: await listTeams() }) });

export const action = actionOf({
  guard,
  body: teamSchema,
  run: async ({ actor, body }) => {
    await createTeam(actor, body);
    return redirect("/werk/beheer/teams?opgeslagen=1");
  },
});

export default function Teams() {
  const { t } = useTranslation("admin");
  const { teams } = useLoaderData<typeof loader>();
  const { errors, values } = useFormResult();
  const [params] = useSearchParams();
  return (
    <div className="stack">
      {params.has("opgeslagen") ? <Notice>{t("teams.saved")}</Notice> : null}
      <h1>{t("teams.title")}</h1>
      <TableScroll labelledBy="teams-caption">
        <table>
          <caption id="teams-caption">{t("teams.caption", { count: teams.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("teams.name")}</th>
              <th scope="col">{t("teams.slug")}</th>
              <th scope="col">{t("teams.members")}</th>
            </tr>
          </thead>
          <tbody>
            {teams.map((team) => (
              <tr key={team.id}>
                <td>{team.name}</td>
                <td>
                  <code>{team.slug}</code>
                </td>
                <td>{team.members}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <section className="card narrow" aria-labelledby="new-team">
        <h2 id="new-team">{t("teams.add")}</h2>
        <ErrorSummary errors={errors} />
        <Form method="post" noValidate className="stack">
          <TextField name="name" label={t("teams.name")} defaultValue={values.name} error={errors?.name} required />
          <TextField name="slug" label={t("teams.slug")} hint={t("teams.slugHint")} defaultValue={values.slug} error={errors?.slug} required />
          <button type="submit" className="button">
            {t("teams.save")}
          </button>
        </Form>
      </section>
    </div>
  );
}
