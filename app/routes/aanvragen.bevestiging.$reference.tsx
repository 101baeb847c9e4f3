import type { MetaFunction } from "@remix-run/node";
import { z } from "zod";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getMyCase } from "~/modules/cases/dossiers.server";
import { requireUser } from "~/modules/identity/guards.server";
import { caseReference } from "~/utils/ids";
import { loaderOf } from "~/utils/kernel";
import { brusselsFormat } from "~/utils/brussels-format";
import { pageMeta } from "~/i18n/meta";
import { SentenceWith } from "~/components/InLanguage";
import { serviceLabel } from "~/modules/catalog/localize";

export const meta: MetaFunction = (args) => pageMeta(args, "requestSent");

const loaderParams = z.object({ reference: caseReference });
export const loader = loaderOf({
  guard: (request) => requireUser(request, { role: "resident" }),
  params: loaderParams,
  run: async ({ actor, params }) => {
    const c = await getMyCase(actor, params.reference);
    return {
      reference: c.reference,
      service: c.def?.title ?? "",
      translations: c.def?.translations ?? {},
      expectedBy: c.expectedBy?.toISOString() ?? null,
      byMail: actor.preferredChannel === "email" && !!actor.email,
    };
  },
});

export default function Confirmation() {
  const { t, i18n } = useTranslation("cases");
  const d = useLoaderData<typeof loader>();
  const date = brusselsFormat(i18n.language, "longDate");
  return (
    <div className="stack narrow">
      <div className="panel-success">
        <h1>{t("confirm.title")}</h1>
        <p>
          {t("confirm.reference")} <strong className="reference">{d.reference}</strong>
        </p>
      </div>
      <p>
        <SentenceWith ns="cases" i18nKey="confirm.service" name={serviceLabel({ title: d.service, translations: d.translations }, i18n.language).title} />
      </p>
      <p>{d.byMail ? t("confirm.mail") : t("confirm.paper")}</p>
      <h2>{t("confirm.nextTitle")}</h2>
      <p>{t("confirm.next")}</p>
      {d.expectedBy ? <p>{t("confirm.expected", { date: date.format(new Date(d.expectedBy)) })}</p> : null}
      <p>
        <Link to={`/mijn/dossiers/${d.reference}`}>{t("confirm.toCase")}</Link>
      </p>
      <p>
        <Link to="/mijn/dossiers">{t("confirm.toDossiers")}</Link>
      </p>
    </div>
  );
}
