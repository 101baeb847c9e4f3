import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { intakeChoices } from "~/modules/contacts/intake.server";
import { requireStaff } from "~/modules/identity/guards.server";
import { DomainError } from "~/modules/platform/errors";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "requestForResident");
export const handle = { i18n: ["contacts"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireStaff(request, ["frontoffice", "admin"]);
  try {
    return await intakeChoices(actor, params.id!);
  } catch (err) {
    if (err instanceof DomainError) throw new Response(err.code, { status: err.status });
    throw err;
  }
}

export default function ChooseIntake() {
  const { t } = useTranslation("contacts");
  const { resident, services } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <p className="muted">
        <Link to={`/werk/bewoners/${resident.id}`}>{t("intake.back")}</Link>
      </p>
      <h1>{t("intake.chooseTitle", { name: resident.name })}</h1>
      <p>{t("intake.chooseIntro")}</p>
      <ul className="article-list">
        {services.map((s) => (
          <li key={s.slug}>
            <Link to={`/werk/bewoners/${resident.id}/aanvraag/${s.slug}`}>{s.title}</Link>
            <p>{s.summary}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
