import { redirect, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { StaffForm } from "~/components/StaffForm";
import { Notice } from "~/components/forms";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { staffAccountBody } from "~/modules/identity/staff-form";
import { getStaffMember, listTeams, saveStaffMember } from "~/modules/identity/staff.server";
import { uuid } from "~/utils/ids";
import { actionOf, loaderOf } from "~/utils/kernel";

export const meta: MetaFunction = () => [{ title: "Medewerker – Digitaal Huis van de Mechelaar" }];

const guard = (request: Request) => requireStaffCan(request, "admin.manage");
const params = z.object({ id: uuid });

export const loader = loaderOf({
  guard,
  params,
  run: async ({ actor, params }) => ({ member: await getStaffMember(actor, params.id), teams: await listTeams() }),
});

export const action = actionOf({
  guard,
  params,
  body: staffAccountBody,
  run: async ({ actor, params, body }) => {
    await saveStaffMember(actor, body, params.id);
    return redirect("/werk/beheer/medewerkers?opgeslagen=1");
  },
});

export default function EditStaff() {
  const { t } = useTranslation(["admin", "auth"]);
  const { member, teams } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="stack narrow">
      {params.get("tweestapsverificatie") === "gewist" ? <Notice>{t("auth:adminReset.done")}</Notice> : null}
      <h1>{t("staff.editTitle", { name: member.name })}</h1>
      <StaffForm teams={teams} initial={member} isNew={false} />
      <section className="card stack" aria-labelledby="staff-2fa">
        <h2 id="staff-2fa">{t("auth:adminReset.title")}</h2>
        <p>{member.hasSecondFactor ? t("auth:adminReset.on") : t("auth:adminReset.off")}</p>
        <Form method="post" action={`/werk/beheer/medewerkers/${member.id}/tweestapsverificatie`}>
          <p>{t("auth:adminReset.intro")}</p>
          <button type="submit" className="button button-secondary">
            {t("auth:adminReset.submit")}
          </button>
        </Form>
      </section>
    </div>
  );
}
