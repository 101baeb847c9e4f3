import { createHmac, timingSafeEqual } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { contactMoments } from "../../../db/schema";
import { activeDeskName, lastUnratedTicketAtDesk, markTicketInvited, scoreFinishedTicket, ticketSatisfaction, visitsToInvite } from "~/modules/counter/directory.server";
import { DomainError } from "~/modules/platform/errors";
import { hitRateLimit } from "~/modules/platform/rate-limit.server";
import { enqueueMail } from "~/modules/notify/outbox.server";
import { db, type DbOrTx, type Tx } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { fixedT } from "~/utils/i18next.server";

/**
 * Satisfaction after each visit (Thema 2): one tap on one of five faces, on a tablet at the
 * desk or through a signed link in an e-mail. The score is kept on the ticket and on its
 * contact moment (for a counter visit), or on the first mail of an e-mail conversation.
 * A score is set once: a second tap or a second use of a link changes nothing.
 */

export const SCORES = [1, 2, 3, 4, 5] as const;
export type Score = (typeof SCORES)[number];
export const isScore = (n: unknown): n is Score => typeof n === "number" && SCORES.includes(n as Score);

/** After finishing, the visitor has this long to tap on the desk tablet. */
const TABLET_WINDOW_MINUTES = 15;
const E = (k: string) => `inbox:satisfaction.errors.${k}`;

// ---------- signed links ----------

type Target = { kind: "ticket" | "thread"; id: string };
type Payload = { k: "t" | "m"; i: string; e: number };

function linkSecret(): Buffer {
  const configured = env().SATISFACTION_LINK_SECRET;
  // Derived, not defaulted: in production SESSION_SECRET is required, so this is never a known value.
  return configured ? Buffer.from(configured) : createHmac("sha256", env().SESSION_SECRETS[0]).update("satisfaction-link").digest();
}
const mac = (body: string) => createHmac("sha256", linkSecret()).update(body).digest();

/** A link token: the target and an expiry, signed with HMAC-SHA256. Single use comes from the score being set once. */
export function signSatisfactionToken(target: Target, now = new Date(), days = env().SATISFACTION_LINK_DAYS): string {
  const payload: Payload = { k: target.kind === "ticket" ? "t" : "m", i: target.id, e: Math.floor(now.getTime() / 1000) + days * 86400 };
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${body}.${mac(body).toString("base64url")}`;
}

/** Checks signature and expiry; throws VALIDATION with a message for the person otherwise. */
export function verifySatisfactionToken(token: string, now = new Date()): Target {
  const [body, sig, extra] = token.split(".");
  if (!body || !sig || extra !== undefined || sig.length > 100) throw new DomainError("VALIDATION", E("invalidLink"));
  const given = Buffer.from(sig, "base64url");
  const expected = mac(body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new DomainError("VALIDATION", E("invalidLink"));
  let payload: Payload;
  try {
    payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Payload;
  } catch {
    throw new DomainError("VALIDATION", E("invalidLink"));
  }
  if (!/^[0-9a-f-]{36}$/.test(payload.i) || (payload.k !== "t" && payload.k !== "m")) throw new DomainError("VALIDATION", E("invalidLink"));
  if (payload.e * 1000 < now.getTime()) throw new DomainError("VALIDATION", E("expiredLink"));
  return { kind: payload.k === "t" ? "ticket" : "thread", id: payload.i };
}

export const satisfactionUrl = (token: string) => `${env().PUBLIC_URL}/tevredenheid/${token}`;

// ---------- storing a score ----------

/**
 * Sets the score of a finished ticket once, and on the ticket's counter contact moment
 * (created when the agent registered none). Returns false when it was already rated.
 */
async function scoreTicket(tx: Tx, ticketId: string, score: Score): Promise<boolean> {
  const ticket = await scoreFinishedTicket(tx, ticketId, score);
  if (!ticket) return false;
  const moments = await tx
    .update(contactMoments)
    .set({ satisfactionScore: score })
    .where(and(eq(contactMoments.ticketId, ticketId), eq(contactMoments.channel, "counter")))
    .returning({ id: contactMoments.id });
  if (!moments.length) {
    await tx.insert(contactMoments).values({
      residentId: ticket.residentId,
      channel: "counter",
      direction: "in",
      subject: `Bezoek aan het loket (${ticket.number})`,
      staffId: ticket.agentId,
      ticketId: ticket.id,
      // Made for the score only: what was asked is not known here, so no outcome is claimed.
      data: { source: "satisfaction" },
      satisfactionScore: score,
      occurredAt: ticket.finishedAt ?? new Date(),
    });
  }
  return true;
}

/** Sets the score on the first mail of an e-mail conversation, once. */
async function scoreThread(tx: Tx, threadId: string, score: Score): Promise<boolean> {
  const rows = await tx
    .update(contactMoments)
    .set({ satisfactionScore: score })
    .where(and(eq(contactMoments.id, threadId), eq(contactMoments.channel, "email"), sql`${contactMoments.satisfactionScore} is null`))
    .returning({ id: contactMoments.id });
  return rows.length > 0;
}

async function limit(name: string, key: string, max: number) {
  const r = await hitRateLimit({ name, limit: max, windowSeconds: 60 }, key);
  if (!r.allowed) throw new DomainError("RATE_LIMITED", E("rateLimited"), { retryAfterSeconds: r.retryAfterSeconds });
}

// ---------- the tablet at the desk ----------

/** The visit the tablet at this desk asks about: the latest ticket finished here in the last minutes, not yet rated. */
export async function rateableTicketAtDesk(deskId: string) {
  return rateableTicket(db, deskId);
}

async function rateableTicket(conn: DbOrTx, deskId: string) {
  if (!/^[0-9a-f-]{36}$/.test(deskId)) return undefined;
  const row = await lastUnratedTicketAtDesk(deskId, TABLET_WINDOW_MINUTES, conn);
  return row ? { ticketId: row.id, number: row.number, deskName: row.desk_name } : undefined;
}

export async function deskName(deskId: string) {
  if (!/^[0-9a-f-]{36}$/.test(deskId)) return undefined;
  return activeDeskName(deskId);
}

/**
 * A tap on the desk tablet. Only the visit the tablet shows can be rated (a post for any
 * other ticket is refused), so a public tablet cannot be used to rate other visits.
 */
export async function rateAtDesk(input: { deskId: string; ticketId: string; score: number }, clientKey: string) {
  await limit("satisfaction-tablet", `${clientKey}:${input.deskId}`, 30);
  if (!isScore(input.score)) throw new DomainError("VALIDATION", E("chooseFace"));
  const score = input.score;
  return db.transaction(async (tx) => {
    const current = await rateableTicket(tx, input.deskId);
    if (!current || current.ticketId !== input.ticketId) throw new DomainError("INVALID_STATE", E("nothingToRate"));
    if (!(await scoreTicket(tx, input.ticketId, score))) throw new DomainError("INVALID_STATE", E("alreadyRated"));
  });
}

// ---------- the e-mail link ----------

export type LinkState = "open" | "used" | "gone";

/** What the link page shows before the tap (the link is not used up by opening it: mail scanners open links). */
export async function linkState(target: Target): Promise<LinkState> {
  if (target.kind === "ticket") {
    const t = await ticketSatisfaction(target.id);
    return !t || t.status !== "done" ? "gone" : t.score === null ? "open" : "used";
  }
  const [m] = await db
    .select({ score: contactMoments.satisfactionScore })
    .from(contactMoments)
    .where(and(eq(contactMoments.id, target.id), eq(contactMoments.channel, "email")));
  return !m ? "gone" : m.score === null ? "open" : "used";
}

/** A tap on the page of an e-mail link. Works once; a forged or expired link is refused. */
export async function rateByLink(token: string, score: number, clientKey: string) {
  await limit("satisfaction-link", clientKey, 20);
  const target = verifySatisfactionToken(token);
  if (!isScore(score)) throw new DomainError("VALIDATION", E("chooseFace"));
  const stored = await db.transaction((tx) => (target.kind === "ticket" ? scoreTicket(tx, target.id, score) : scoreThread(tx, target.id, score)));
  if (!stored) throw new DomainError("INVALID_STATE", E("alreadyRated"));
}

// ---------- inviting by e-mail ----------

async function invite(tx: Tx, to: string, language: string, target: Target, name?: string) {
  const lng = ["nl", "en", "fr"].includes(language) ? language : "nl";
  const t = fixedT(lng, "inbox");
  const params = { name: name ?? "", url: satisfactionUrl(signSatisfactionToken(target)) };
  const kind = target.kind === "ticket" ? "visit" : "mail";
  return enqueueMail(
    { to, subject: t(`satisfaction.mail.${kind}.subject`), text: t(`satisfaction.mail.${kind}.body`, params), template: `satisfaction-${kind}`, language: lng },
    tx,
  );
}

/**
 * After a finished visit of a known resident with an e-mail address, a link to rate it. The
 * worker sends it once the tablet's window has passed, and only when the visitor did not
 * already tap the tablet: nobody is asked twice. Visits older than a day are left alone.
 */
export async function inviteAfterVisits(batchSize = 50): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await visitsToInvite(tx, TABLET_WINDOW_MINUTES, batchSize);
    for (const row of due) {
      await invite(tx, row.email, row.language, { kind: "ticket", id: row.id }, row.name);
      await markTicketInvited(tx, row.id);
    }
    return due.length;
  });
}

/** After an e-mail conversation was answered and handled: a link to rate the answer. */
export async function inviteAfterThread(tx: Tx, threadId: string, to: string, language: string, name?: string) {
  return invite(tx, to, language, { kind: "thread", id: threadId }, name);
}
