import { and, asc, eq } from "drizzle-orm";
import { caseEvents } from "../../../db/schema";
import type { DbOrTx, Tx } from "~/utils/db.server";
import { CASE_EVENT_VISIBILITY, parseCaseEvent, validateCaseEvent, type CaseEvent, type StoredCaseEvent } from "./events";

/**
 * The one writer of case events (an eslint rule keeps every other insert out) and the typed
 * reader. Writing needs the transaction of the change it records: the event and the change
 * commit together or not at all.
 */
export async function appendCaseEvent(tx: Tx, event: CaseEvent & { caseId: string; actorId: string | null }) {
  const { type, data } = validateCaseEvent(event);
  await tx.insert(caseEvents).values({ caseId: event.caseId, actorId: event.actorId, type, visibility: CASE_EVENT_VISIBILITY[type], data });
}

/** A stored event with its row's facts. */
export type CaseEventRow = StoredCaseEvent & { id: number; at: Date; actorId: string | null; visibility: "resident" | "internal" };

/** A case's events in the order they were appended, typed; `residentOnly` keeps what the resident may read. */
export async function caseEventsOf(conn: DbOrTx, caseId: string, opts: { residentOnly?: boolean } = {}): Promise<CaseEventRow[]> {
  const rows = await conn
    .select({ id: caseEvents.id, at: caseEvents.at, type: caseEvents.type, visibility: caseEvents.visibility, data: caseEvents.data, actorId: caseEvents.actorId })
    .from(caseEvents)
    .where(opts.residentOnly ? and(eq(caseEvents.caseId, caseId), eq(caseEvents.visibility, "resident")) : eq(caseEvents.caseId, caseId))
    .orderBy(asc(caseEvents.id));
  return rows.map(typedRow);
}

/** Turns a selected case_events row into a typed one (for queries that join more, e.g. actor names). */
export function typedRow<R extends { type: string; data: unknown }>(row: R): Omit<R, "type" | "data"> & StoredCaseEvent {
  const { type, data, ...rest } = row;
  return { ...rest, ...parseCaseEvent({ type, data }) };
}
