import { and, asc, desc, eq, inArray, isNotNull, sql, type SQL } from "drizzle-orm";
import { deskAssignments, deskThemes, desks, tickets, type TicketStatus } from "../../../db/schema";
import type { CurrentUser } from "~/modules/identity/users.server";
import { DomainError } from "~/modules/platform/errors";
import { hitRateLimit } from "~/modules/platform/rate-limit.server";
import { db, type Tx } from "~/utils/db.server";
import { assertCan } from "~/modules/identity/permissions";

/** "Today" at the counters is the day in Mechelen, not in UTC. */
const TODAY = sql`(now() at time zone 'Europe/Brussels')::date`;

export type Ticket = typeof tickets.$inferSelect;

function assertFrontOffice(agent: CurrentUser) {
  assertCan(agent, "counter.desk");
}

export async function listThemes() {
  return db.select().from(deskThemes).where(eq(deskThemes.active, true)).orderBy(asc(deskThemes.sortOrder), asc(deskThemes.letter));
}

export async function listDesks() {
  return db.select().from(desks).where(eq(desks.active, true)).orderBy(asc(desks.name));
}

/**
 * A visitor takes a ticket at the entrance kiosk. The number comes from one atomic upsert
 * per theme and day, so two kiosks never hand out the same number.
 */
export async function takeTicket(input: { themeSlug: string; priority: boolean; language: string }, clientKey: string) {
  const limit = await hitRateLimit({ name: "kiosk-ticket", limit: 60, windowSeconds: 60 }, clientKey);
  if (!limit.allowed) throw new DomainError("RATE_LIMITED", "counter:errors.tooManyTickets", { retryAfterSeconds: limit.retryAfterSeconds });
  return db.transaction(async (tx) => {
    const [theme] = await tx
      .select()
      .from(deskThemes)
      .where(and(eq(deskThemes.slug, input.themeSlug), eq(deskThemes.active, true)));
    if (!theme) throw new DomainError("VALIDATION", "counter:errors.chooseTheme");
    const [counter] = await tx.execute<{ last: number; day: string }>(sql`
      insert into ticket_counters (theme_id, day, last) values (${theme.id}, ${TODAY}, 1)
      on conflict (theme_id, day) do update set last = ticket_counters.last + 1
      returning last, day::text`);
    const number = `${theme.letter}-${String(counter.last).padStart(3, "0")}`;
    const [ticket] = await tx
      .insert(tickets)
      .values({
        day: counter.day,
        themeId: theme.id,
        number,
        priority: input.priority,
        language: input.language,
        history: [{ at: new Date().toISOString(), event: "taken" }],
      })
      .returning();
    return ticket;
  });
}

/** What the visitor's ticket screen shows: their number and how many are before them. */
export async function ticketStatus(id: string) {
  const [row] = await db
    .select({ ticket: tickets, themeName: deskThemes.name, deskName: desks.name })
    .from(tickets)
    .innerJoin(deskThemes, eq(deskThemes.id, tickets.themeId))
    .leftJoin(desks, eq(desks.id, tickets.deskId))
    .where(eq(tickets.id, id));
  if (!row) return undefined;
  const [{ ahead }] = await db.execute<{ ahead: number }>(sql`
    select count(*)::int as ahead from tickets
    where day = ${row.ticket.day} and theme_id = ${row.ticket.themeId} and status = 'waiting'
      and (priority > ${row.ticket.priority} or (priority = ${row.ticket.priority} and created_at < ${row.ticket.createdAt.toISOString()}))`);
  return { ...row.ticket, themeName: row.themeName, deskName: row.deskName, ahead };
}

/** The waiting-room screen: the latest calls and how many wait per theme. */
export async function waitingBoard() {
  const called = await db
    .select({ number: tickets.number, deskName: desks.name, calledAt: tickets.calledAt, status: tickets.status })
    .from(tickets)
    .innerJoin(desks, eq(desks.id, tickets.deskId))
    .where(and(sql`${tickets.day} = ${TODAY}`, isNotNull(tickets.calledAt), inArray(tickets.status, ["called", "serving"])))
    .orderBy(desc(tickets.calledAt))
    .limit(8);
  const waiting = await db.execute<{ slug: string; letter: string; name: { nl: string; en: string; fr: string }; waiting: number }>(sql`
    select t.slug, t.letter, t.name, count(k.id)::int as waiting
    from desk_themes t left join tickets k on k.theme_id = t.id and k.day = ${TODAY} and k.status = 'waiting'
    where t.active group by t.id order by t.sort_order, t.letter`);
  return { called, waiting: [...waiting] };
}

/** The agent's desk for today, if they took one. */
export async function deskForToday(agent: CurrentUser) {
  assertFrontOffice(agent);
  const [row] = await db
    .select({ deskId: desks.id, deskName: desks.name, themeIds: deskAssignments.themeIds })
    .from(deskAssignments)
    .innerJoin(desks, eq(desks.id, deskAssignments.deskId))
    .where(and(eq(deskAssignments.userId, agent.id), sql`${deskAssignments.day} = ${TODAY}`));
  return row;
}

/** An agent sits down at a desk for today and says which themes they serve. */
export async function takeDesk(agent: CurrentUser, deskId: string, themeIds: string[]) {
  assertFrontOffice(agent);
  if (!themeIds.length) throw new DomainError("VALIDATION", "counter:errors.chooseThemes");
  await db.transaction((tx) => seatAgent(tx, { userId: agent.id, deskId, day: TODAY, themeIds }));
}

/**
 * Puts one agent at one desk for one day with the themes they serve (the agent's own choice on
 * /werk/loket, or an admin's planning). An agent has one desk per day; a desk one agent.
 */
export async function seatAgent(tx: Tx, input: { userId: string; deskId: string; day: SQL | string; themeIds: string[] }) {
  const day = typeof input.day === "string" ? sql`${input.day}::date` : input.day;
  await tx.delete(deskAssignments).where(and(eq(deskAssignments.userId, input.userId), sql`${deskAssignments.day} = ${day}`));
  const taken = await tx.execute(sql`
    insert into desk_assignments (desk_id, day, user_id, theme_ids)
    values (${input.deskId}, ${day}, ${input.userId}, ${`{${input.themeIds.join(",")}}`}::uuid[])
    on conflict do nothing returning desk_id`);
  if (!taken.length) throw new DomainError("CONFLICT", "counter:errors.deskTaken");
}

const historyEntry = (event: string, by: string, detail?: string) => sql`history || ${JSON.stringify([{ at: new Date().toISOString(), event, by, detail }])}::jsonb`;

/** The ticket this agent is busy with (called or being served), if any. */
export async function currentTicket(agent: CurrentUser) {
  const [row] = await db
    .select({ ticket: tickets, themeName: deskThemes.name })
    .from(tickets)
    .innerJoin(deskThemes, eq(deskThemes.id, tickets.themeId))
    .where(and(eq(tickets.agentId, agent.id), sql`${tickets.day} = ${TODAY}`, inArray(tickets.status, ["called", "serving"])))
    .orderBy(desc(tickets.calledAt))
    .limit(1);
  return row ? { ...row.ticket, themeName: row.themeName } : undefined;
}

/**
 * Calls the next visitor for this agent's desk: priority visitors first, then in order of
 * arrival. SKIP LOCKED makes two agents pressing at the same moment get different tickets.
 */
export async function callNext(agent: CurrentUser) {
  const desk = await deskForToday(agent);
  if (!desk) throw new DomainError("INVALID_STATE", "counter:errors.noDesk");
  if (await currentTicket(agent)) throw new DomainError("INVALID_STATE", "counter:errors.finishFirst");
  const rows = await db.execute<{ id: string }>(sql`
    with next as (
      select id from tickets
      where day = ${TODAY} and status = 'waiting' and theme_id = any(${`{${desk.themeIds.join(",")}}`}::uuid[])
      -- Appointments that are due come first, then priority visitors, then by arrival.
      order by (appointment_at is not null and appointment_at <= now() + interval '5 minutes') desc, priority desc, created_at
      limit 1
      for update skip locked
    )
    update tickets t set status = 'called', desk_id = ${desk.deskId}, agent_id = ${agent.id}, called_at = now(),
      wait_seconds = coalesce(t.wait_seconds, extract(epoch from now() - t.created_at)::int),
      history = t.history || ${JSON.stringify([{ at: new Date().toISOString(), event: "called", by: agent.id, detail: desk.deskName }])}::jsonb
    from next where t.id = next.id
    returning t.id`);
  return rows[0] ? currentTicket(agent) : undefined;
}

type Action = "recall" | "start" | "noShow" | "finish";
const ALLOWED_FROM: Record<Action, TicketStatus[]> = { recall: ["called"], start: ["called"], noShow: ["called"], finish: ["called", "serving"] };

/** Recall, start serving, mark as no-show or finish the agent's own current ticket. */
export async function actOnTicket(agent: CurrentUser, ticketId: string, action: Action) {
  assertFrontOffice(agent);
  const set =
    action === "recall"
      ? sql`recalls = recalls + 1, called_at = now()`
      : action === "start"
        ? sql`status = 'serving', started_at = now()`
        : action === "noShow"
          ? sql`status = 'no_show', finished_at = now()`
          : sql`status = 'done', started_at = coalesce(started_at, called_at), finished_at = now(),
                service_seconds = extract(epoch from now() - coalesce(started_at, called_at))::int`;
  const rows = await db.execute<{ id: string }>(sql`
    update tickets set ${set}, history = ${historyEntry(action, agent.id)}
    where id = ${ticketId} and agent_id = ${agent.id} and status = any(${`{${ALLOWED_FROM[action].join(",")}}`}::text[])
    returning id`);
  if (!rows[0]) throw new DomainError("INVALID_STATE", "counter:errors.notYourTicket");
}

/** Sends the visitor to another theme's queue; they keep their place (original arrival time). */
export async function transferTicket(agent: CurrentUser, ticketId: string, toThemeSlug: string) {
  assertFrontOffice(agent);
  const [theme] = await db.select().from(deskThemes).where(eq(deskThemes.slug, toThemeSlug));
  if (!theme) throw new DomainError("VALIDATION", "counter:errors.chooseTheme");
  const rows = await db.execute<{ id: string }>(sql`
    update tickets set theme_id = ${theme.id}, status = 'waiting', desk_id = null, agent_id = null, called_at = null,
      history = ${historyEntry("transferred", agent.id, theme.slug)}
    where id = ${ticketId} and agent_id = ${agent.id} and status in ('called', 'serving')
    returning id`);
  if (!rows[0]) throw new DomainError("INVALID_STATE", "counter:errors.notYourTicket");
}

/** Counts for the agent's screen: waiting per theme they serve. */
export async function queueCounts(themeIds: string[]) {
  if (!themeIds.length) return [];
  return db
    .select({ themeId: tickets.themeId, waiting: sql<number>`count(*)::int` })
    .from(tickets)
    .where(and(sql`${tickets.day} = ${TODAY}`, eq(tickets.status, "waiting"), inArray(tickets.themeId, themeIds)))
    .groupBy(tickets.themeId);
}
