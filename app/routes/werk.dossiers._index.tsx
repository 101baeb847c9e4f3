import { type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorSummary, Notice } from "~/components/forms";
import { filtersFromUrl, forgetQueueCounts, listQueue, type QueueFilters } from "~/modules/cases/queue.server";
import { claimCase } from "~/modules/cases/staff.server";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { pick, type Text3 } from "~/modules/cases/definitions";
import { brusselsFormat } from "~/utils/brussels-format";
import { caseReference } from "~/utils/ids";
import { actionOf, loaderOf } from "~/utils/kernel";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "queue");
export const handle = { i18n: ["backoffice", "cases"] };

const guard = (request: Request) => requireStaffCan(request, "cases.queue");

export const loader = loaderOf({
  guard,
  // The filters are read leniently (filtersFromUrl): a stale bookmark still opens the queue.
  run: async ({ actor, request }) => ({ ...(await listQueue(actor, filtersFromUrl(new URL(request.url)))), me: actor.id }),
});

/** Claiming from the queue: the row carries the version the agent saw. */
export const action = actionOf({
  guard,
  body: z.object({ reference: caseReference, version: z.coerce.number().int().min(1) }),
  run: async ({ actor, body }) => {
    await claimCase(actor, body.reference, { version: body.version });
    forgetQueueCounts();
    return { ok: true as const, claimed: body.reference };
  },
});

const FILTER_KEYS = ["team", "status", "service", "due", "assigned", "waiting", "channel"] as const;

function pageHref(filters: QueueFilters, page: number) {
  const qs = new URLSearchParams();
  for (const k of FILTER_KEYS) if (filters[k]) qs.set(k, String(filters[k]));
  if (page > 1) qs.set("page", String(page));
  const s = qs.toString();
  return s ? `?${s}` : "?";
}

export default function Queue() {
  const { t, i18n } = useTranslation("backoffice");
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const lng = i18n.language;
  const date = brusselsFormat(lng, "date");
  const f = d.filters;
  const c = d.counts;
  const n = (count: number | undefined) => ` (${count ?? 0})`;
  return (
    <div className="stack">
      <h1>{t("queue.title")}</h1>
      {result?.ok ? (
        <Notice>
          {t("queue.claimed", { reference: result.claimed })} <Link to={`/werk/dossiers/${result.claimed}`}>{t("queue.open", { reference: result.claimed })}</Link>
        </Notice>
      ) : null}
      <ErrorSummary errors={result && !result.ok ? result.errors : undefined} />
      <p>{t("queue.summary", { count: c.open, overdue: c.overdue, waiting: c.waiting })}</p>

      {/* Keyed by the filters so the selects show them after any navigation (they are uncontrolled). */}
      <Form method="get" className="filters card" aria-labelledby="filters-title" key={JSON.stringify(f)}>
        <h2 id="filters-title" className="h-small">
          {t("queue.filtersTitle")}
        </h2>
        {d.teams.length > 1 ? (
          <div className="field">
            <label htmlFor="f-team">{t("queue.team")}</label>
            <select id="f-team" name="team" defaultValue={d.teamId}>
              {d.teams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <input type="hidden" name="team" value={d.teamId} />
        )}
        <div className="field">
          <label htmlFor="f-status">{t("queue.status")}</label>
          <select id="f-status" name="status" defaultValue={f.status ?? ""}>
            <option value="">{t("queue.any")}</option>
            {d.statuses.map((s) => (
              <option key={s.key} value={s.key}>
                {`${pick(s.text as Text3, lng) ?? s.key}${n(c.byStatus[s.key])}`}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-service">{t("queue.service")}</label>
          <select id="f-service" name="service" defaultValue={f.service ?? ""}>
            <option value="">{t("queue.any")}</option>
            {d.services.map((s) => (
              <option key={s.id} value={s.id}>
                {`${s.title}${n(c.byService[s.id])}`}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-due">{t("queue.due")}</label>
          <select id="f-due" name="due" defaultValue={f.due ?? ""}>
            <option value="">{t("queue.any")}</option>
            <option value="overdue">{`${t("queue.dueOverdue")}${n(c.overdue)}`}</option>
            <option value="week">{`${t("queue.dueWeek")}${n(c.week)}`}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-assigned">{t("queue.assigned")}</label>
          <select id="f-assigned" name="assigned" defaultValue={f.assigned ?? ""}>
            <option value="">{t("queue.any")}</option>
            <option value="me">{`${t("queue.assignedMe")}${n(c.mine)}`}</option>
            <option value="none">{`${t("queue.assignedNone")}${n(c.unassigned)}`}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-waiting">{t("queue.waiting")}</label>
          <select id="f-waiting" name="waiting" defaultValue={f.waiting ?? ""}>
            <option value="">{t("queue.any")}</option>
            <option value="yes">{`${t("queue.waitingYes")}${n(c.waiting)}`}</option>
            <option value="no">{`${t("queue.waitingNo")}${n(c.open - c.waiting)}`}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-channel">{t("queue.channel")}</label>
          <select id="f-channel" name="channel" defaultValue={f.channel ?? ""}>
            <option value="">{t("queue.any")}</option>
            {(["web", "counter", "phone", "email"] as const).map((ch) => (
              <option key={ch} value={ch}>
                {`${t(`channels.${ch}`)}${n(c.byChannel[ch])}`}
              </option>
            ))}
          </select>
        </div>
        <div className="button-row">
          <button type="submit" className="button">
            {t("queue.apply")}
          </button>
          <Link to={`?team=${d.teamId}`}>{t("queue.reset")}</Link>
        </div>
      </Form>

      {d.items.length ? (
        <div className="table-scroll" role="region" aria-labelledby="queue-caption" tabIndex={0}>
          <table className="case-table">
            <caption id="queue-caption">{t("queue.caption", { page: d.page })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("queue.colReference")}</th>
                <th scope="col">{t("queue.colService")}</th>
                <th scope="col">{t("queue.colStatus")}</th>
                <th scope="col">{t("queue.colDue")}</th>
                <th scope="col">{t("queue.colAssignee")}</th>
                <th scope="col">{t("queue.colChannel")}</th>
              </tr>
            </thead>
            <tbody>
              {d.items.map((r) => (
                <tr key={r.reference} className={r.overdue ? "tr-late" : undefined}>
                  <td>
                    <Link to={`/werk/dossiers/${r.reference}`}>{r.reference}</Link>
                    <div className="muted">{r.residentName}</div>
                  </td>
                  <td>{r.serviceTitle}</td>
                  <td data-status={r.status}>
                    {pick(r.statusText, lng) ?? r.status}
                    {r.subStatus ? <div className="muted">{r.subStatus}</div> : null}
                    {r.waiting ? (
                      <div>
                        <span className="badge badge-waiting">{t("queue.waitingBadge")}</span>
                      </div>
                    ) : null}
                  </td>
                  <td>
                    {date.format(new Date(r.expectedBy))}
                    {r.overdue ? (
                      <div>
                        <span className="badge badge-late">{t("queue.lateBadge")}</span>
                      </div>
                    ) : null}
                  </td>
                  <td>
                    {r.assigneeName ?? t("queue.nobody")}
                    {r.assigneeId !== d.me ? (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="reference" value={r.reference} />
                        <input type="hidden" name="version" value={r.version} />
                        <button type="submit" className="link-button" aria-label={t("queue.claimLabel", { reference: r.reference })}>
                          {t("queue.claim")}
                        </button>
                      </Form>
                    ) : null}
                  </td>
                  <td>{t(`channels.${r.channel}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t("queue.empty")}</p>
      )}
      <nav aria-label={t("queue.pages")}>
        <ul className="pager">
          {d.page > 1 ? (
            <li>
              <Link to={pageHref(f, d.page - 1)}>{t("queue.previous")}</Link>
            </li>
          ) : null}
          {d.hasNext ? (
            <li>
              <Link to={pageHref(f, d.page + 1)}>{t("queue.next")}</Link>
            </li>
          ) : null}
        </ul>
      </nav>
    </div>
  );
}
