import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StaffForm } from "~/components/StaffForm";
import { requireStaff } from "~/modules/identity/guards.server";
import { staffAccountSchema, staffFormInput } from "~/modules/identity/schemas";
import { listTeams, saveStaffMember } from "~/modules/identity/staff.server";
import { formValues, parseWith } from "~/utils/forms";
import { domainErrorToForm } from "~/utils/request.server";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "staffNew");
export const handle = { i18n: ["admin"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, "admin");
  return { teams: await listTeams() };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireStaff(request, "admin");
  const form = await request.formData();
  const values = formValues(form);
  const parsed = parseWith(staffAccountSchema, staffFormInput(form), values);
  if (!parsed.ok) return data(parsed, { status: 400 });
  try {
    await saveStaffMember(actor, parsed.data);
  } catch (err) {
    return domainErrorToForm(err, values);
  }
  return redirect("/werk/beheer/medewerkers?opgeslagen=1");
}

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
