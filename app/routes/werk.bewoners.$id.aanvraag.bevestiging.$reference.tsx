import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { formatDateTime } from "~/modules/access/time";
import { intakeConfirmation } from "~/modules/contacts/intake.server";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { caseReference, uuid } from "~/utils/ids";
import { loaderOf } from "~/utils/kernel";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args, "myCase", { name: args.data?.reference, fallback: "confirmationFallback" });
export const handle = { i18n: ["contacts"] };

export const loader = loaderOf({
  guard: (request) => requireStaffCan(request, "residents.serve"),
  params: z.object({ id: uuid, reference: caseReference }),
  run: ({ actor, params }) => intakeConfirmation(actor, params.id, params.reference),
});

/**
 * What the agent tells or hands the resident. For residents who want paper, the page is
 * made to be printed (the print stylesheet hides the portal around it).
 */
export default function IntakeConfirmation() {
  const { t, i18n } = useTranslation("contacts");
  const c = useLoaderData<typeof loader>();
  return (
    <div className="stack narrow">
      <h1>{t("intake.confirmTitle")}</h1>
      <dl>
        <dt>{t("intake.reference")}</dt>
        <dd>
          <strong data-testid="reference">{c.reference}</strong>
        </dd>
        <dt>{t("intake.service")}</dt>
        <dd>{c.serviceTitle}</dd>
        <dt>{t("intake.resident")}</dt>
        <dd>{c.residentName}</dd>
        <dt>{t("intake.date")}</dt>
        <dd>{formatDateTime(new Date(c.submittedAt), i18n.language)}</dd>
      </dl>
      {c.confirmation === "email" ? (
        <p className="no-print">{t("intake.mailSent", { email: c.email })}</p>
      ) : (
        <>
          <p className="no-print">{t("intake.paper")}</p>
          <section className="card" aria-labelledby="letter-title" lang={c.letter.lang}>
            <h2 id="letter-title">{c.letter.title}</h2>
            <p>{c.letter.body}</p>
          </section>
        </>
      )}
      <p className="no-print">
        <Link to={`/werk/bewoners/${c.residentId}`}>{t("intake.toFile")}</Link>
      </p>
    </div>
  );
}
