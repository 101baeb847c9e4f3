import { and, desc, eq, sql } from "drizzle-orm";
import { outbox } from "../../../db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import { DomainError } from "~/modules/platform/errors";
import { db } from "~/utils/db.server";
import { maskAddress, sanitiseMailError } from "./outbox.server";

/**
 * Mail that could not be delivered within the retry window (outbox.server.ts), for admins at
 * /werk/beheer/e-mails: the address masked, the reason without secrets, and "send again".
 */
export type FailedMail = { id: string; recipient: string; template: string; reason: string; queuedAt: Date; lastAttemptAt: Date; attempts: number };

export async function listFailedMail(limit = 200): Promise<{ mails: FailedMail[]; total: number }> {
  const rows = await db
    .select({
      id: outbox.id,
      to: outbox.toAddress,
      template: outbox.template,
      lastError: outbox.lastError,
      createdAt: outbox.createdAt,
      nextAttemptAt: outbox.nextAttemptAt,
      attempts: outbox.attempts,
    })
    .from(outbox)
    .where(eq(outbox.status, "failed"))
    .orderBy(desc(outbox.createdAt))
    .limit(limit);
  const [{ total }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(outbox)
    .where(eq(outbox.status, "failed"));
  return {
    total,
    mails: rows.map((r) => ({
      id: r.id,
      recipient: maskAddress(r.to),
      template: r.template,
      reason: sanitiseMailError(r.lastError ?? ""),
      queuedAt: r.createdAt,
      // A failed row's next_attempt_at is the moment of its last attempt plus the last wait: show when it was tried.
      lastAttemptAt: r.nextAttemptAt,
      attempts: r.attempts,
    })),
  };
}

type Actor = { id: string };

/**
 * Puts a failed mail back in the queue, due now. It gets a new round of attempts (at least
 * MIN_ATTEMPTS, about an hour) before it is marked failed again; when it was queued stays true.
 */
export async function retryFailedMail(actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(outbox)
      .set({ status: "pending", nextAttemptAt: sql`now()`, attempts: 0 })
      .where(and(eq(outbox.id, id), eq(outbox.status, "failed")))
      .returning({ id: outbox.id, template: outbox.template });
    if (!row) throw new DomainError("NOT_FOUND", "admin:mails.notFound");
    await recordAudit({ actorId: actor.id, action: "outbox.retried", entityType: "outbox", entityId: row.id, details: { template: row.template } }, tx);
  });
}

/** Sends every failed mail again. Returns how many. */
export async function retryAllFailedMail(actor: Actor): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(outbox)
      .set({ status: "pending", nextAttemptAt: sql`now()`, attempts: 0 })
      .where(eq(outbox.status, "failed"))
      .returning({ id: outbox.id });
    await recordAudit({ actorId: actor.id, action: "outbox.retried_all", entityType: "outbox", details: { count: rows.length } }, tx);
    return rows.length;
  });
}

/** For the metrics (outbox_pending, outbox_failed, outbox_oldest_pending_age_seconds). */
export async function outboxStats(): Promise<{ pending: number; failed: number; oldestPendingAgeSeconds: number }> {
  const [row] = await db
    .select({
      pending: sql<number>`count(*) filter (where ${outbox.status} = 'pending')::int`,
      failed: sql<number>`count(*) filter (where ${outbox.status} = 'failed')::int`,
      oldest: sql<number | null>`extract(epoch from now() - min(${outbox.createdAt}) filter (where ${outbox.status} = 'pending'))::float8`,
    })
    .from(outbox)
    .where(sql`${outbox.status} in ('pending', 'failed')`);
  return { pending: row.pending, failed: row.failed, oldestPendingAgeSeconds: Math.max(0, Math.round(row.oldest ?? 0)) };
}
