import { desc, eq } from "drizzle-orm";
import { outbox } from "../../../db/schema";
import { db } from "~/utils/db.server";

/** The development mailbox: what the portal "sent" when no SMTP server is configured. */
export async function listDevMailbox(limit = 50) {
  return db
    .select({
      id: outbox.id,
      to: outbox.toAddress,
      subject: outbox.subject,
      text: outbox.text,
      attachments: outbox.attachments,
      status: outbox.status,
      createdAt: outbox.createdAt,
    })
    .from(outbox)
    .orderBy(desc(outbox.createdAt))
    .limit(limit);
}

export async function getDevMail(id: string) {
  const [mail] = await db.select().from(outbox).where(eq(outbox.id, id));
  return mail;
}
