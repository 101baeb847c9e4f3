import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { StaffForm } from "~/components/StaffForm";
import { requireStaff } from "~/modules/identity/guards.server";
import { staffAccountSchema, staffFormInput } from "~/modules/identity/schemas";
import { getStaffMember, listTeams, saveStaffMember } from "~/modules/identity/staff.server";
import { DomainError } from "~/modules/platform/errors";
import { formValues, parseWith } from "~/utils/forms";
import { domainErrorToForm } from "~/utils/request.server";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "staffMember");
export const handle = { i18n: ["admin"] };

const idParam = z.string().uuid();

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireStaff(request, "admin");
  const id = idParam.safeParse(params.id);
  if (!id.success) throw new Response("Not found", { status: 404 });
  try {
    return { member: await getStaffMember(actor, id.data), teams: await listTeams() };
  } catch (err) {
    if (err instanceof DomainError) throw new Response(err.code, { status: err.status });
    throw err;
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireStaff(request, "admin");
  const id = idParam.safeParse(params.id);
  if (!id.success) throw new Response("Not found", { status: 404 });
  const form = await request.formData();
  const values = formValues(form);
  const parsed = parseWith(staffAccountSchema, staffFormInput(form), values);
  if (!parsed.ok) return data(parsed, { status: 400 });
  try {
    await saveStaffMember(actor, parsed.data, id.data);
  } catch (err) {
    return domainErrorToForm(err, values);
  }
  return redirect("/werk/beheer/medewerkers?opgeslagen=1");
}

export default function EditStaff() {
  const { t } = useTranslation("admin");
  const { member, teams } = useLoaderData<typeof loader>();
  return (
    <div className="stack narrow">
      <h1>{t("staff.editTitle", { name: member.name })}</h1>
      <StaffForm teams={teams} initial={member} isNew={false} />
    </div>
  );
}
