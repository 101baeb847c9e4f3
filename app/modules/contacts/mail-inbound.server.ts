import type { AddressInfo } from "node:net";
import { simpleParser, type AddressObject, type ParsedMail } from "mailparser";
import { SMTPServer, type SMTPServerAddress } from "smtp-server";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { contactMoments } from "../../../db/schema";
import { fileStorage } from "~/modules/cases/storage.server";
import { activeResidentsByEmail } from "~/modules/identity/directory.server";
import { db, type Tx } from "~/utils/db.server";
import { env } from "~/utils/env.server";

/**
 * The e-mail channel, inbound: a small SMTP server that accepts mail for the city's
 * address(es) and turns each mail into a contact moment in the front-office inbox.
 * It has no authentication and no TLS: it is meant to sit behind the city's MX or mail
 * relay on a private port (docs/email-channel.md), never open to the internet.
 */

export type InboundAttachment = { filename: string; contentType: string; size: number; storageKey: string };
export type InboundMailData = {
  from: string;
  fromName?: string;
  to: string[];
  messageId: string;
  inReplyTo?: string;
  references: string[];
  attachments: InboundAttachment[];
  /** Out-of-office replies and other machine mail (RFC 3834 Auto-Submitted), so agents can tell them apart. */
  autoSubmitted?: boolean;
};

const MAX_TEXT = 20_000;
const MAX_SUBJECT = 300;

/** Plain text only: no HTML, no control characters, bounded length. */
export function plainText(parsed: Pick<ParsedMail, "text" | "html">): string {
  let text = parsed.text ?? "";
  if (!text.trim() && typeof parsed.html === "string") {
    text = parsed.html
      .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, "")
      .replace(/<br\s*\/?>|<\/p>|<\/div>|<\/li>/gi, "\n")
      .replace(/<[^>]+>/g, "")
      .replace(/&nbsp;/g, " ")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, "&");
  }
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim()
    .slice(0, MAX_TEXT);
}

const firstAddress = (a: AddressObject | AddressObject[] | undefined) => (Array.isArray(a) ? a[0] : a)?.value[0];
const allAddresses = (a: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((o) => o.value.map((v) => v.address?.toLowerCase()).filter((x): x is string => !!x));
const asList = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? v.split(/\s+/) : []).map((s) => s.trim()).filter(Boolean);

/**
 * Stores one received mail as an incoming e-mail contact moment. The sender is linked to a
 * resident with the same address (case-insensitive); an unknown sender stays unlinked. A
 * reply (In-Reply-To / References naming a mail we know) joins that mail's thread. A mail
 * we already stored (same Message-ID, e.g. a relay retrying) is not stored twice.
 */
export async function receiveMail(
  raw: Buffer | string,
  envelope: { from?: string; to: string[] },
): Promise<{ id: string; threadId: string; residentId: string | null; duplicate: boolean }> {
  const parsed = await simpleParser(raw, { skipHtmlToText: false, skipTextLinks: true });
  const sender = firstAddress(parsed.from);
  const from = (sender?.address ?? envelope.from ?? "").toLowerCase();
  const messageId = parsed.messageId ?? `<generated-${crypto.randomUUID()}@inbound.invalid>`;
  const references = asList(parsed.references);
  const inReplyTo = parsed.inReplyTo?.trim() || undefined;
  const to = allAddresses(parsed.to).length ? allAddresses(parsed.to) : envelope.to;

  return db.transaction(async (tx) => {
    // Serialise twins of the same mail (a relay may deliver it twice at once).
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`mail:${messageId}`}, 0))`);
    const [dupe] = await tx.execute<{ id: string; thread_id: string; resident_id: string | null }>(sql`
      select id, thread_id, resident_id from contact_moments where channel = 'email' and data->>'messageId' = ${messageId} limit 1`);
    if (dupe) return { id: dupe.id, threadId: dupe.thread_id, residentId: dupe.resident_id, duplicate: true };

    const [resident] = from ? await activeResidentsByEmail(from, tx) : [];
    const known = [inReplyTo, ...references].filter((x): x is string => !!x);
    const [threadParent] = known.length ? await findThreadParent(tx, known, from) : [];

    const attachments: InboundAttachment[] = [];
    for (const a of parsed.attachments) {
      const key = await fileStorage().put(a.content, tx);
      attachments.push({ filename: (a.filename ?? "bijlage").slice(0, 200), contentType: a.contentType || "application/octet-stream", size: a.size, storageKey: key });
    }
    const auto = String(parsed.headers.get("auto-submitted") ?? "no").toLowerCase();
    const data: InboundMailData = { from, fromName: sender?.name || undefined, to, messageId, inReplyTo, references, attachments, autoSubmitted: auto !== "no" || undefined };
    const id = crypto.randomUUID();
    const threadId = threadParent ? (threadParent.thread_id ?? threadParent.id) : id;
    await tx.insert(contactMoments).values({
      id,
      residentId: resident?.id ?? null,
      channel: "email",
      direction: "in",
      subject:
        (parsed.subject ?? "")
          .replace(/[\u0000-\u001F\u007F]/g, " ")
          .trim()
          .slice(0, MAX_SUBJECT) || "(geen onderwerp)",
      summary: plainText(parsed),
      threadId,
      data,
      occurredAt: new Date(),
    });
    return { id, threadId, residentId: resident?.id ?? null, duplicate: false };
  });
}

/**
 * The first stored mail of the conversation a reply refers to (by Message-ID), but only when
 * the sender already wrote in that conversation: anyone can copy a Message-ID, and a stranger
 * must not slip into a resident's conversation (and receive the agent's next reply).
 */
async function findThreadParent(tx: Tx, messageIds: string[], from: string) {
  return tx
    .select({ id: contactMoments.id, thread_id: contactMoments.threadId })
    .from(contactMoments)
    .where(
      and(
        eq(contactMoments.channel, "email"),
        inArray(sql`${contactMoments.data}->>'messageId'`, messageIds),
        sql`exists (select 1 from contact_moments p where p.thread_id = coalesce(${contactMoments.threadId}, ${contactMoments.id})
                    and p.channel = 'email' and p.direction = 'in' and p.data->>'from' = ${from})`,
      ),
    )
    .orderBy(asc(contactMoments.occurredAt))
    .limit(1);
}

class SmtpError extends Error {
  constructor(
    message: string,
    readonly responseCode: number,
  ) {
    super(message);
  }
}

export type InboundSmtp = { port: number; stop: () => Promise<void> };

/**
 * Starts the inbound SMTP server. Recipients outside `addresses` are refused (550) at RCPT
 * time, so the server is never an open relay; mail over `maxBytes` is refused (552).
 */
export async function startInboundSmtp({
  port,
  host = "127.0.0.1",
  addresses = env().INBOUND_MAIL_ADDRESSES,
  maxBytes = env().INBOUND_MAIL_MAX_BYTES,
  log = console,
}: {
  port: number;
  host?: string;
  addresses?: string[];
  maxBytes?: number;
  log?: Pick<Console, "error">;
}): Promise<InboundSmtp> {
  const accepted = new Set(addresses.map((a) => a.toLowerCase()));
  const server = new SMTPServer({
    name: "mechelaar-inbound",
    banner: "Digitaal Huis van de Mechelaar",
    // No AUTH and no STARTTLS: this listens behind the city's relay, which does both.
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    size: maxBytes,
    maxClients: 20,
    closeTimeout: 2000,
    logger: false,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      if (accepted.has(address.address.toLowerCase())) return callback();
      callback(new SmtpError("No such recipient here", 550));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (stream.sizeExceeded) return callback(new SmtpError("Message too large", 552));
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
        };
        receiveMail(Buffer.concat(chunks), envelope).then(
          () => callback(),
          (err: unknown) => {
            log.error(`[inbound-mail] ${err instanceof Error ? err.message : String(err)}`);
            // 451: temporary, so the relay keeps the mail and tries again.
            callback(new SmtpError("Could not store the message, try again later", 451));
          },
        );
      });
    },
  });
  server.on("error", (err) => log.error(`[inbound-mail] ${err.message}`));
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(port, host, () => {
      server.server.off("error", reject);
      resolve();
    });
  });
  const bound = (server.server.address() as AddressInfo).port;
  return {
    port: bound,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
