import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getMyCase } from "~/modules/cases/dossiers.server";
import { requireUser } from "~/modules/identity/guards.server";
import { orHttpError } from "~/modules/cases/http.server";
import { brusselsFormat } from "~/utils/brussels-format";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "requestSent");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "resident" });
  const c = await orHttpError(getMyCase(user, params.reference!));
  return { reference: c.reference, service: c.def?.title ?? "", expectedBy: c.expectedBy?.toISOString() ?? null, byMail: user.preferredChannel === "email" && !!user.email };
}

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
      <p>{t("confirm.service", { service: d.service })}</p>
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
