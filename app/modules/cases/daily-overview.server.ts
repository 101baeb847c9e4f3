import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { caseOverviewRuns, cases } from "../../../db/schema";
import { servicesView } from "~/modules/catalog/directory.server";
import { teamLeadContacts } from "~/modules/identity/directory.server";
import { enqueueMail } from "~/modules/notify/outbox.server";
import { db, type DbOrTx } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { fixedT } from "~/utils/i18next.server";
import { brusselsFormat } from "~/utils/brussels-format";

/** Service titles through the catalogue's read-only join helper (decision 017). */
const service = servicesView("service");

/**
 * The daily overview for team leads: the team's open cases that are overdue or due
 * tomorrow, one e-mail per lead through the outbox. The worker calls `sendDailyOverviews`
 * every minute; a row per day in `case_overview_runs` (primary key, inserted in the same
 * transaction as the mails) makes it go out once a day however many processes run the worker.
 */

/** Not before this hour (Brussels), so the overview reflects the night's changes and lands at the start of the day. */
export const OVERVIEW_HOUR = 7;
/** A lead reads a list, not a database dump: the rest is in the queue. */
const LIST_LIMIT = 50;

const brussels = (now: Date) => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Brussels", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", hourCycle: "h23" })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  return { day: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
};

type Line = { reference: string; serviceTitle: string; dueAt: Date; status: string };

/** The overdue and due-tomorrow open cases of one team (Brussels calendar days). */
export async function overviewForTeam(teamId: string, now: Date, conn: DbOrTx) {
  const base = and(eq(cases.teamId, teamId), isNull(cases.closedAt));
  const cols = { reference: cases.reference, serviceTitle: service.title, dueAt: cases.dueAt, status: cases.status };
  const nowTs = sql`${now.toISOString()}::timestamptz`;
  const today = sql`(${nowTs} at time zone 'Europe/Brussels')::date`;
  const [overdue, tomorrow] = await Promise.all([
    conn
      .select(cols)
      .from(cases)
      .innerJoin(service, eq(service.id, cases.serviceId))
      // While the clock is paused the case is only late if it was already late then.
      .where(and(base, sql`${cases.dueAt} < ${nowTs}`, sql`(${cases.waitingSince} is null or ${cases.dueAt} < ${cases.waitingSince})`))
      .orderBy(asc(cases.dueAt))
      .limit(LIST_LIMIT),
    conn
      .select(cols)
      .from(cases)
      .innerJoin(service, eq(service.id, cases.serviceId))
      .where(and(base, isNull(cases.waitingSince), sql`(${cases.dueAt} at time zone 'Europe/Brussels')::date = ${today} + 1`))
      .orderBy(asc(cases.dueAt))
      .limit(LIST_LIMIT),
  ]);
  return { overdue: overdue as Line[], tomorrow: tomorrow as Line[] };
}

export function overviewMail(lng: string, input: { name: string; team: string; teamId: string; overdue: Line[]; tomorrow: Line[] }) {
  const t = fixedT(lng, "backoffice");
  const date = brusselsFormat(lng, "date");
  const line = (l: Line) => `- ${l.reference} · ${l.serviceTitle} · ${t("overview.due", { date: date.format(l.dueAt) })}`;
  const section = (title: string, lines: Line[]) => [title, ...(lines.length ? lines.map(line) : [t("overview.none")])].join("\n");
  const url = `${env().PUBLIC_URL}/werk/dossiers?team=${input.teamId}`;
  return {
    subject: t("overview.subject", { team: input.team, overdue: input.overdue.length, tomorrow: input.tomorrow.length }),
    text: [
      t("overview.greeting", { name: input.name }),
      "",
      section(t("overview.overdueTitle", { count: input.overdue.length }), input.overdue),
      "",
      section(t("overview.tomorrowTitle", { count: input.tomorrow.length }), input.tomorrow),
      "",
      t("overview.queueLink", { url }),
    ].join("\n"),
  };
}

/** Sends today's overview if it is time and no process sent it yet. Returns what it did. */
export async function sendDailyOverviews(now = new Date(), opts: { fromHour?: number } = {}) {
  const { day, hour } = brussels(now);
  if (hour < (opts.fromHour ?? OVERVIEW_HOUR)) return { sent: false as const, reason: "too-early" as const, mails: 0 };
  return db.transaction(async (tx) => {
    // The loser of a race waits on the winner's row, then sees it and does nothing.
    const [claimed] = await tx.insert(caseOverviewRuns).values({ day }).onConflictDoNothing().returning({ day: caseOverviewRuns.day });
    if (!claimed) return { sent: false as const, reason: "already-sent" as const, mails: 0 };
    const leads = await teamLeadContacts(tx);
    let mails = 0;
    const perTeam = new Map<string, Awaited<ReturnType<typeof overviewForTeam>>>();
    for (const lead of leads) {
      if (!perTeam.has(lead.teamId)) perTeam.set(lead.teamId, await overviewForTeam(lead.teamId, now, tx));
      const o = perTeam.get(lead.teamId)!;
      if (!o.overdue.length && !o.tomorrow.length) continue;
      const mail = overviewMail(lead.lng, { name: lead.name, team: lead.team, teamId: lead.teamId, ...o });
      await enqueueMail({ to: lead.email!, ...mail, template: "case-daily-overview", language: lead.lng }, tx);
      mails++;
    }
    await tx.update(caseOverviewRuns).set({ mails }).where(eq(caseOverviewRuns.day, day));
    return { sent: true as const, reason: "sent" as const, mails };
  });
}
