import { and, desc, eq } from "drizzle-orm";
import { auditLog, users } from "../../../db/schema";
import { db, type Tx } from "~/utils/db.server";

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
    .select({ at: auditLog.at, action: auditLog.action, actorName: users.name, entityType: auditLog.entityType })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(auditLog.subjectUserId, subjectUserId)))
    .orderBy(desc(auditLog.at))
    .limit(limit);
}
