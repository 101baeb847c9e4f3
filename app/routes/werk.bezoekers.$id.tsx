import { redirect, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorSummary, Notice, TextField } from "~/components/forms";
import { getInvitation, rescheduleInvitation, revokeInvitation } from "~/modules/access/invitations.server";
import { untilAfterFrom, untilAfterFromIssue, windowFields } from "~/modules/access/schemas";
import { brusselsParts, formatDateTime, formatWindow } from "~/modules/access/time";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { can } from "~/modules/identity/permissions";
import { uuid } from "~/utils/ids";
import { actionOf, loaderOf } from "~/utils/kernel";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "invitation");
export const handle = { i18n: ["access"] };

const params = z.object({ id: uuid });

export const loader = loaderOf({
  guard: (request) => requireStaffCan(request, "visitors.view"),
  params,
  run: async ({ actor, params }) => {
    const invitation = await getInvitation(actor, params.id);
    return { invitation, mine: invitation.mine && can(actor, "visitors.host") };
  },
});

const invitationActions = z
  .discriminatedUnion("_intent", [z.object({ _intent: z.literal("revoke") }), windowFields.extend({ _intent: z.literal("reschedule") })])
  .refine((b) => b._intent !== "reschedule" || untilAfterFrom(b), untilAfterFromIssue);

export const action = actionOf({
  guard: (request) => requireStaffCan(request, "visitors.host"),
  params,
  body: invitationActions,
  run: async ({ actor, params, body }) => {
    if (body._intent === "revoke") {
      await revokeInvitation(actor, params.id);
      return redirect(`/werk/bezoekers/${params.id}?ingetrokken=1`);
    }
    await rescheduleInvitation(actor, params.id, { date: body.date, from: body.from, until: body.until });
    return redirect(`/werk/bezoekers/${params.id}?gewijzigd=1`);
  },
});

export default function InvitationDetail() {
  const { t, i18n } = useTranslation("access");
  const { invitation, mine } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors = result && !result.ok ? result.errors : undefined;
  const v = (result && !result.ok ? result.values : {}) as Record<string, string>;
  const live = invitation.passes.filter((p) => !p.revokedAt);
  const first = live[0] ? brusselsParts(new Date(live[0].validFrom)) : undefined;
  const firstUntil = live[0] ? brusselsParts(new Date(live[0].validUntil)) : undefined;
  return (
    <div className="stack">
      {params.has("verstuurd") ? <Notice>{t("hosts.saved")}</Notice> : null}
      {params.has("gewijzigd") ? <Notice>{t("hosts.changedNotice")}</Notice> : null}
      {params.has("ingetrokken") ? <Notice>{t("hosts.revokedNotice")}</Notice> : null}
      <p>
        <Link to="/werk/bezoekers">{t("hosts.back")}</Link>
      </p>
      <h1>{t("hosts.detailTitle", { purpose: invitation.purpose })}</h1>
      <dl className="summary-list">
        <dt>{t("hosts.building")}</dt>
        <dd>{invitation.buildingName}</dd>
        <dt>{t("hosts.host")}</dt>
        <dd>{invitation.hostName}</dd>
        <dt>{t("hosts.colStatus")}</dt>
        <dd>{invitation.revokedAt ? t("hosts.revoked") : t("hosts.active")}</dd>
      </dl>
      <h2>{t("hosts.passes")}</h2>
      {invitation.passes.map((p) => (
        <section key={p.id} className="card" aria-labelledby={`pass-${p.id}`}>
          <h3 id={`pass-${p.id}`}>{p.anonymised ? t("hosts.anonymised") : `${p.visitorName}${p.visitorOrganisation ? ` (${p.visitorOrganisation})` : ""}`}</h3>
          <dl className="summary-list">
            <dt>{t("hosts.window")}</dt>
            <dd>{formatWindow(new Date(p.validFrom), new Date(p.validUntil), i18n.language)}</dd>
            {p.visitorEmail ? (
              <>
                <dt>{t("hosts.email")}</dt>
                <dd>{p.visitorEmail}</dd>
              </>
            ) : null}
            <dt>{t("hosts.colStatus")}</dt>
            <dd>{p.revokedAt ? (p.replaced ? t("hosts.replaced") : t("hosts.revoked")) : t("hosts.active")}</dd>
            <dt>{t("hosts.entriesLeft")}</dt>
            <dd>{p.remainingEntries === null ? t("hosts.unlimited") : p.remainingEntries}</dd>
            <dt>{t("hosts.inside")}</dt>
            <dd>{p.inside ? t("hosts.yes") : t("hosts.no")}</dd>
          </dl>
          <h4>{t("hosts.scanLog")}</h4>
          {p.scans.length ? (
            <ul>
              {p.scans.map((s, i) => (
                <li key={i}>
                  {formatDateTime(new Date(s.at), i18n.language)}: {t(`outcomes.${s.outcome}.title`)}
                  {s.kioskName ? ` (${s.kioskName})` : ""}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("hosts.noScans")}</p>
          )}
        </section>
      ))}
      {mine && !invitation.revokedAt ? (
        <>
          <section aria-labelledby="change-title" className="stack narrow">
            <h2 id="change-title">{t("hosts.changeTitle")}</h2>
            <p>{t("hosts.changeHint")}</p>
            <ErrorSummary errors={errors} />
            <Form method="post" noValidate>
              <input type="hidden" name="_intent" value="reschedule" />
              <TextField name="date" type="date" label={t("hosts.date")} hint={t("hosts.dateHint")} defaultValue={v.date ?? first?.date} error={errors?.date} />
              <TextField name="from" type="time" label={t("hosts.from")} hint={t("hosts.timeHint")} defaultValue={v.from ?? first?.time} error={errors?.from} />
              <TextField name="until" type="time" label={t("hosts.until")} hint={t("hosts.timeHint")} defaultValue={v.until ?? firstUntil?.time} error={errors?.until} />
              <button type="submit" className="button">
                {t("hosts.change")}
              </button>
            </Form>
          </section>
          <section aria-labelledby="revoke-title" className="stack narrow">
            <h2 id="revoke-title">{t("hosts.revokeTitle")}</h2>
            <p>{t("hosts.revokeHint")}</p>
            <Form method="post">
              <input type="hidden" name="_intent" value="revoke" />
              <button type="submit" className="button button-secondary">
                {t("hosts.revoke")}
              </button>
            </Form>
          </section>
        </>
      ) : null}
    </div>
  );
}
