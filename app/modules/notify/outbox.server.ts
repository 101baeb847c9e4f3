import { sql } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import { outbox, type OutboxAttachment, type OutboxHeaders } from "../../../db/schema";
import { db, type Tx } from "~/utils/db.server";
import { env } from "~/utils/env.server";

export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  template: string;
  language: string;
  attachments?: OutboxAttachment[];
  /** For replies to an incoming mail, so the resident's mail program threads them. */
  headers?: OutboxHeaders;
};

/** Queues a mail. Pass the transaction of the change that caused it. */
export async function enqueueMail(mail: OutgoingMail, tx: Tx) {
  const [row] = await tx
    .insert(outbox)
    .values({
      toAddress: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      template: mail.template,
      language: mail.language,
      attachments: mail.attachments ?? [],
      headers: mail.headers ?? {},
    })
    .returning({ id: outbox.id });
  return row.id;
}

/**
 * Retries: 30 s, 1 min, 2 min ... doubling up to one hour, then hourly, for 48 hours after the
 * mail was queued (about 55 attempts). Only then is a mail marked `failed`; admins see it at
 * /werk/beheer/e-mails and can send it again, which gives it at least MIN_ATTEMPTS more tries
 * (about an hour). A mail is never dropped silently.
 */
export const RETRY_WINDOW_HOURS = 48;
export const MIN_ATTEMPTS = 8;
export const MAX_BACKOFF_SECONDS = 3600;
export const backoffSeconds = (attempt: number) => Math.min(MAX_BACKOFF_SECONDS, 30 * 2 ** Math.max(0, Math.min(attempt, 20) - 1));

/**
 * The reason shown to admins: no credentials from a connection string, no e-mail addresses,
 * no control characters, at most 300 characters.
 */
export function sanitiseMailError(message: string): string {
  return message
    .replace(/[a-z][a-z0-9+.-]*:\/\/[^\s/@]*@/gi, (m) => m.replace(/\/\/[^\s/@]*@/, "//***@"))
    .replace(/[^\s<>()"',;:]+@[^\s<>()"',;:]+\.[a-z]{2,}/gi, (m) => maskAddress(m))
    .replace(/(auth|pass(word)?|user(name)?|token)=\S+/gi, "$1=***")
    .replace(/[\u0000-\u001f\u007f]+/g, " ")
    .trim()
    .slice(0, 300);
}

/** a***@example.com: enough to recognise the mail, not enough to read the address. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf("@");
  if (at < 1) return "***";
  return `${address[0]}***${address.slice(at)}`;
}

let transporter: Transporter | undefined;
function transport(): { name: string; transporter: Transporter } {
  const smtp = env().SMTP_URL;
  transporter ??= smtp ? nodemailer.createTransport(smtp) : nodemailer.createTransport({ jsonTransport: true });
  return { name: smtp ? "smtp" : "dev-mailbox", transporter };
}

type Claimed = {
  id: string;
  to_address: string;
  subject: string;
  text: string;
  html: string | null;
  attachments: OutboxAttachment[];
  headers: OutboxHeaders | null;
  attempts: number;
  /** Queued longer ago than the retry window: a failure now marks it `failed`. */
  last_chance: boolean;
};

/**
 * Delivers due mail. Rows are leased (next_attempt_at pushed ahead) with SKIP LOCKED, so
 * several workers never send the same mail, and a worker that dies mid-send only delays it.
 */
export async function deliverDueMail(batchSize = 20, { now = () => new Date() }: { now?: () => Date } = {}): Promise<{ sent: number; failed: number }> {
  // The worker's clock: real time, or a simulated one in tests (hours of outage in a second).
  const at = now().toISOString();
  const claimed = await db.execute<Claimed>(sql`
    with due as (
      select id from outbox
      where status = 'pending' and next_attempt_at <= ${at}::timestamptz
      order by created_at
      limit ${batchSize}
      for update skip locked
    )
    update outbox o set attempts = o.attempts + 1, next_attempt_at = ${at}::timestamptz + interval '5 minutes'
    from due where o.id = due.id
    returning o.id, o.to_address, o.subject, o.text, o.html, o.attachments, o.headers, o.attempts,
      (o.attempts >= ${MIN_ATTEMPTS} and o.created_at < ${at}::timestamptz - make_interval(hours => ${RETRY_WINDOW_HOURS})) as last_chance`);

  let sent = 0;
  let failed = 0;
  const { name, transporter } = transport();
  for (const mail of claimed) {
    try {
      await transporter.sendMail({
        from: env().MAIL_FROM,
        to: mail.to_address,
        subject: mail.subject,
        text: mail.text,
        html: mail.html ?? undefined,
        messageId: mail.headers?.messageId,
        inReplyTo: mail.headers?.inReplyTo,
        references: mail.headers?.references,
        replyTo: mail.headers?.replyTo,
        attachments: mail.attachments.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: Buffer.from(a.contentBase64, "base64"),
          cid: a.cid,
        })),
      });
      await db.execute(sql`update outbox set status = 'sent', sent_at = ${now().toISOString()}::timestamptz, transport = ${name}, last_error = null where id = ${mail.id}`);
      sent++;
    } catch (err) {
      failed++;
      const message = err instanceof Error ? err.message : String(err);
      const giveUp = mail.last_chance;
      await db.execute(sql`
        update outbox set
          status = ${giveUp ? "failed" : "pending"},
          last_error = ${sanitiseMailError(message)},
          next_attempt_at = ${now().toISOString()}::timestamptz + make_interval(secs => ${backoffSeconds(mail.attempts)})
        where id = ${mail.id}`);
    }
  }
  return { sent, failed };
}

/** For tests and the dev mailbox: swap the transport (e.g. a failing one). */
export function setMailTransportForTesting(t: Transporter | undefined) {
  transporter = t;
}
