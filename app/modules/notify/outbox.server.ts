import { sql } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import { outbox, type OutboxAttachment, type OutboxHeaders } from "../../../db/schema";
import { db, type DbOrTx } from "~/utils/db.server";
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
export async function enqueueMail(mail: OutgoingMail, conn: DbOrTx = db) {
  const [row] = await conn
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

export const MAX_ATTEMPTS = 8;
/** 30 s, 1 min, 2 min ... capped at one hour. */
export const backoffSeconds = (attempt: number) => Math.min(3600, 30 * 2 ** Math.max(0, attempt - 1));

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
};

/**
 * Delivers due mail. Rows are leased (next_attempt_at pushed ahead) with SKIP LOCKED, so
 * several workers never send the same mail, and a worker that dies mid-send only delays it.
 */
export async function deliverDueMail(batchSize = 20): Promise<{ sent: number; failed: number }> {
  const claimed = await db.execute<Claimed>(sql`
    with due as (
      select id from outbox
      where status = 'pending' and next_attempt_at <= now()
      order by created_at
      limit ${batchSize}
      for update skip locked
    )
    update outbox o set attempts = o.attempts + 1, next_attempt_at = now() + interval '5 minutes'
    from due where o.id = due.id
    returning o.id, o.to_address, o.subject, o.text, o.html, o.attachments, o.headers, o.attempts`);

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
      await db.execute(sql`update outbox set status = 'sent', sent_at = now(), transport = ${name}, last_error = null where id = ${mail.id}`);
      sent++;
    } catch (err) {
      failed++;
      const message = err instanceof Error ? err.message : String(err);
      const giveUp = mail.attempts >= MAX_ATTEMPTS;
      await db.execute(sql`
        update outbox set
          status = ${giveUp ? "failed" : "pending"},
          last_error = ${message.slice(0, 1000)},
          next_attempt_at = now() + make_interval(secs => ${backoffSeconds(mail.attempts)})
        where id = ${mail.id}`);
    }
  }
  return { sent, failed };
}

/** For tests and the dev mailbox: swap the transport (e.g. a failing one). */
export function setMailTransportForTesting(t: Transporter | undefined) {
  transporter = t;
}
