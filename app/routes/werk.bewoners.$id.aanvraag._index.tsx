import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { intakeChoices } from "~/modules/contacts/intake.server";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { uuid } from "~/utils/ids";
import { loaderOf } from "~/utils/kernel";

export const meta: MetaFunction = () => [{ title: "Aanvraag indienen voor een bewoner – Digitaal Huis van de Mechelaar" }];
export const handle = { i18n: ["contacts"] };

export const loader = loaderOf({
  guard: (request) => requireStaffCan(request, "residents.serve"),
  params: z.object({ id: uuid }),
  run: ({ actor, params }) => intakeChoices(actor, params.id),
});

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
