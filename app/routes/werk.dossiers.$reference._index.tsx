import { redirect, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CaseActions } from "~/components/cases/CaseActions";
import { CaseRecord } from "~/components/cases/CaseRecord";
import { CaseState } from "~/components/cases/CaseState";
import { CaseTimeline } from "~/components/cases/CaseTimeline";
import { fieldIdsOf, type ActionState } from "~/components/cases/actions/state";
import { ErrorSummary, Notice } from "~/components/forms";
import { caseActionBody, CASE_INTENTS } from "~/modules/cases/backoffice-schemas";
import { pick } from "~/modules/cases/definitions";
import { performCaseAction, staffCasePage } from "~/modules/cases/staff-case-page.server";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { caseReference } from "~/utils/ids";
import { actionOf, loaderOf } from "~/utils/kernel";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.reference ?? "Dossier"} – Werkplek` }];
export const handle = { i18n: ["backoffice", "cases"] };

const params = z.object({ reference: caseReference });

export const loader = loaderOf({
  guard: (request) => requireStaffCan(request, "cases.view"),
  params,
  query: z.object({ gelukt: z.enum(CASE_INTENTS as [string, ...string[]]).optional() }).passthrough(),
  run: async ({ actor, params, query }) => ({ ...(await staffCasePage(actor, params.reference)), notice: query.gelukt ?? null }),
});

// Who may change this case (its team, not closed) is checked by the module for each action.
export const action = actionOf({
  guard: (request) => requireStaffCan(request, "cases.view"),
  params,
  body: caseActionBody,
  run: async ({ actor, params, body }) => {
    await performCaseAction(actor, params.reference, body);
    return redirect(`/werk/dossiers/${params.reference}?gelukt=${body._intent}#melding`);
  },
});

export default function StaffCasePage() {
  const { t, i18n } = useTranslation("backoffice");
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const failed = result && !result.ok ? { intent: result.intent, errors: result.errors, values: result.values } : undefined;
  const state: ActionState = { version: d.version, busy, failed };
  const statusLabel = (key: unknown): string => (typeof key === "string" ? (pick(d.statusLabels[key], i18n.language) ?? key) : "—");
  // A new version or event rebuilds the forms, so they never post a stale version after a change.
  const formKey = `${d.version}-${d.events.length}`;
  return (
    <div className="stack">
      <p className="muted">
        <Link to="/werk/dossiers">{t("case.back")}</Link>
      </p>
      <h1>
        {d.service} <span className="reference">{d.reference}</span>
      </h1>
      <div id="melding">{d.notice ? <Notice>{t(`case.done.${d.notice}`, { defaultValue: t("case.done.default") })}</Notice> : null}</div>
      <ErrorSummary errors={failed?.errors} fieldIds={fieldIdsOf(state)} />
      {result && !result.ok && result.conflict ? (
        <div className="card card-action" role="note">
          <p>{t("case.conflictHelp")}</p>
        </div>
      ) : null}

      <CaseState d={d} statusLabel={statusLabel} busy={busy} />

      <div className="work-grid">
        <div className="stack">
          <CaseTimeline events={d.events} names={d.names} statusLabel={statusLabel} />
          <CaseRecord d={d} />
        </div>
        <div className="stack" key={formKey}>
          <CaseActions d={d} state={state} statusLabel={statusLabel} />
        </div>
      </div>
    </div>
  );
}
