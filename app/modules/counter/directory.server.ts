import { and, eq, sql } from "drizzle-orm";
import { tickets } from "../../../db/schema";
import { peopleView } from "~/modules/identity/directory.server";
import { db, type DbOrTx, type Tx } from "~/utils/db.server";

/**
 * What the counter offers the other contexts (docs/decisions/017-cross-context-reads.md):
 * tickets read and marked through these functions, never through the `tickets` table.
 */

/** A ticket's id and resident (undefined when unknown). */
export async function findTicket(id: string, conn: DbOrTx) {
  const [ticket] = await conn.select({ id: tickets.id, residentId: tickets.residentId }).from(tickets).where(eq(tickets.id, id));
  return ticket;
}

/** A walk-in ticket without a resident gets this resident (a ticket that has one keeps it). */
export async function giveTicketResident(tx: Tx, ticketId: string, residentId: string) {
  await tx
    .update(tickets)
    .set({ residentId })
    .where(and(eq(tickets.id, ticketId), sql`${tickets.residentId} is null`));
}

/** Sets the satisfaction score of a finished ticket once; undefined when it is not finished or already rated. */
export async function scoreFinishedTicket(tx: Tx, ticketId: string, score: number) {
  const [ticket] = await tx
    .update(tickets)
    .set({ satisfactionScore: score, satisfactionAt: new Date() })
    .where(and(eq(tickets.id, ticketId), eq(tickets.status, "done"), sql`${tickets.satisfactionScore} is null`))
    .returning();
  return ticket;
}

/** A ticket's status and satisfaction score (undefined when unknown). */
export async function ticketSatisfaction(ticketId: string) {
  const [t] = await db.select({ score: tickets.satisfactionScore, status: tickets.status }).from(tickets).where(eq(tickets.id, ticketId));
  return t;
}

/** Notes that the visitor was invited by e-mail to rate the visit. */
export async function markTicketInvited(tx: Tx, ticketId: string) {
  await tx.update(tickets).set({ satisfactionInvitedAt: new Date() }).where(eq(tickets.id, ticketId));
}

/** The latest ticket finished at this desk in the last `minutes`, not yet rated, when no later one was finished there. */
export async function lastUnratedTicketAtDesk(deskId: string, minutes: number, conn: DbOrTx) {
  const [row] = await conn.execute<{ id: string; number: string; desk_name: string }>(sql`
    select t.id, t.number, d.name as desk_name from tickets t join desks d on d.id = t.desk_id
    where t.day >= (now() at time zone 'Europe/Brussels')::date - 1
      and t.desk_id = ${deskId} and t.status = 'done' and t.satisfaction_score is null
      and t.finished_at > now() - make_interval(mins => ${minutes})
      and not exists (select 1 from tickets newer where newer.day >= t.day and newer.desk_id = t.desk_id and newer.status = 'done' and newer.finished_at > t.finished_at)
    order by t.finished_at desc limit 1`);
  return row;
}

/** An active desk's name. */
export async function activeDeskName(deskId: string) {
  const [row] = await db.execute<{ name: string }>(sql`select name from desks where id = ${deskId} and active`);
  return row?.name;
}

/**
 * Finished visits of a known, active resident with an e-mail address, finished between a day
 * and `afterMinutes` ago, neither rated nor invited yet; locked for the caller's transaction.
 */
export async function visitsToInvite(tx: Tx, afterMinutes: number, batchSize: number) {
  const u = peopleView("u");
  return tx.execute<{ id: string; email: string; name: string; language: string }>(sql`
      select t.id, u.email, u.name, u.preferred_language as language
      from tickets t join ${u} on u.id = t.resident_id
      where t.status = 'done' and t.satisfaction_score is null and t.satisfaction_invited_at is null
        and t.day >= (now() at time zone 'Europe/Brussels')::date - 1
        and t.finished_at < now() - make_interval(mins => ${afterMinutes})
        and t.finished_at > now() - interval '1 day'
        and u.email is not null and u.active
      order by t.finished_at
      limit ${batchSize}
      for update of t skip locked`);
}
