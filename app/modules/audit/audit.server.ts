import { and, desc, eq } from "drizzle-orm";
import { auditLog } from "../../../db/schema";
import { peopleView } from "~/modules/identity/directory.server";
import { db, type Tx } from "~/utils/db.server";

/** Read through identity's read-only join helper (decision 017). */
const actor = peopleView("actor");
export type AuditEntry = {
  actorId: string | null;
  action: string;
  subjectUserId?: string | null;
  entityType?: string;
  entityId?: string;
  details?: Record<string, unknown>;
};

/** Records who did what to whose data, in the transaction of the change (or of the look). */
export async function recordAudit(entry: AuditEntry, tx: Tx) {
  await tx.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    subjectUserId: entry.subjectUserId ?? null,
    entityType: entry.entityType,
    entityId: entry.entityId,
    details: entry.details ?? {},
  });
}

/** What staff did with one person's data, newest first (for "Mijn gegevens"). */
export async function auditTrailFor(subjectUserId: string, limit = 100) {
  return db
    .select({ at: auditLog.at, action: auditLog.action, actorName: actor.name, entityType: auditLog.entityType })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorId))
    .where(and(eq(auditLog.subjectUserId, subjectUserId)))
    .orderBy(desc(auditLog.at))
    .limit(limit);
}
