import { redirect, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StaffForm } from "~/components/StaffForm";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { staffAccountBody } from "~/modules/identity/staff-form";
import { listTeams, saveStaffMember } from "~/modules/identity/staff.server";
import { actionOf, loaderOf } from "~/utils/kernel";

export const meta: MetaFunction = () => [{ title: "Nieuwe medewerker – Digitaal Huis van de Mechelaar" }];

const guard = (request: Request) => requireStaffCan(request, "admin.manage");

export const loader = loaderOf({ guard, run: async () => ({ teams: await listTeams() }) });

export const action = actionOf({
  guard,
  body: staffAccountBody,
  run: async ({ actor, body }) => {
    await saveStaffMember(actor, body);
    return redirect("/werk/beheer/medewerkers?opgeslagen=1");
  },
});

export default function NewStaff() {
  const { t } = useTranslation("admin");
  const { teams } = useLoaderData<typeof loader>();
  return (
    <div className="stack narrow">
      <h1>{t("staff.addTitle")}</h1>
      <StaffForm teams={teams} initial={{ roles: [], teamIds: [], active: true }} isNew />
    </div>
  );
}
