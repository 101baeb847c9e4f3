import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { StaffForm } from "~/components/StaffForm";
import { Notice } from "~/components/forms";
import { requireStaff } from "~/modules/identity/guards.server";
import { staffAccountSchema, staffFormInput } from "~/modules/identity/schemas";
import { getStaffMember, listTeams, saveStaffMember } from "~/modules/identity/staff.server";
import { DomainError } from "~/modules/platform/errors";
import { formValues, parseWith } from "~/utils/forms";
import { domainErrorToForm } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "Medewerker – Digitaal Huis van de Mechelaar" }];

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
