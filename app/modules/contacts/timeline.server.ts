import { eq, inArray, sql } from "drizzle-orm";
import { contactMomentArticles } from "../../../db/schema";
import { findPerson } from "~/modules/identity/directory.server";
import { articlesView } from "~/modules/knowledge/directory.server";
import { recordAudit } from "~/modules/audit/audit.server";
import type { CurrentUser } from "~/modules/identity/users.server";
import { DomainError } from "~/modules/platform/errors";
import { db } from "~/utils/db.server";
import { caseStatusText } from "./case-status.server";
import { phoneOffer } from "./phone-offer.server";
import { assertCanViewResidents } from "./resident-search.server";

export const TIMELINE_PAGE_SIZE = 25;

/** Mikipedia articles used in a contact, through knowledge's read-only join helper (decision 017). */
const article = articlesView("article");

export type TimelineKind = "contact" | "case" | "appointment" | "ticket";
export type TimelineItem = {
  kind: TimelineKind;
  id: string;
  at: Date;
  channel: string;
  /** Subject of a contact, service of a case, theme of an appointment or ticket. */
  title: string;
  /** Outcome of a contact, status of a case, appointment or ticket. */
  status: string | null;
  /** Case reference, appointment reference or ticket number. */
  ref: string | null;
  summary: string | null;
  staffName: string | null;
  /** The score (1-5) the person gave this contact, case or visit, if any. */
  satisfaction: number | null;
  articles: { slug: string; title: string }[];
};

type Row = {
  kind: TimelineKind;
  id: string;
  at: Date | string;
  channel: string;
  title: unknown;
  status: string | null;
  ref: string | null;
  summary: string | null;
  staff_name: string | null;
  service_id: string | null;
  satisfaction: number | null;
};

const themeName = (v: unknown, lng: string) => {
  if (v && typeof v === "object") {
    const o = v as Record<string, string>;
    return o[lng] ?? o.nl ?? "";
  }
  return String(v ?? "");
};

/**
 * One page of a resident's history across channels, newest first. Each source is read
 * through its resident index and cut to the rows this page can need, then merged:
 * one query, whatever the size of the tables.
 */
export async function residentTimeline(residentId: string, page: number, lng = "nl", pageSize = TIMELINE_PAGE_SIZE) {
  const offset = Math.max(0, page - 1) * pageSize;
  const need = offset + pageSize + 1;
  const rows = await db.execute<Row>(sql`
    select * from (
      (select 'contact' as kind, cm.id::text as id, cm.occurred_at as at, cm.channel, to_jsonb(cm.subject) as title,
              cm.outcome as status, null::text as ref, cm.summary, s.name as staff_name, null::uuid as service_id,
              cm.satisfaction_score::int as satisfaction
         from contact_moments cm left join users s on s.id = cm.staff_id
        where cm.resident_id = ${residentId} order by cm.occurred_at desc limit ${need})
      union all
      (select 'case', c.id::text, c.submitted_at, c.channel, to_jsonb(sv.title), c.status, c.reference, null, s.name, c.service_id, c.satisfaction_score::int
         from cases c join services sv on sv.id = c.service_id left join users s on s.id = c.created_by_id and c.created_by_id <> c.resident_id
        where c.resident_id = ${residentId} order by c.submitted_at desc limit ${need})
      union all
      (select 'appointment', a.id::text, a.starts_at, a.channel, th.name, a.status, a.reference, null, null, null, null::int
         from appointments a join desk_themes th on th.id = a.theme_id
        where a.resident_id = ${residentId} order by a.starts_at desc limit ${need})
      union all
      (select 'ticket', t.id::text, t.created_at, 'counter', th.name, t.status, t.number, null, s.name, null, t.satisfaction_score::int
         from tickets t join desk_themes th on th.id = t.theme_id left join users s on s.id = t.agent_id
        where t.resident_id = ${residentId} order by t.created_at desc limit ${need})
    ) merged
    order by at desc, id
    limit ${pageSize + 1} offset ${offset}`);
  const list = [...rows];
  const hasNext = list.length > pageSize;
  const items: TimelineItem[] = await Promise.all(
    list.slice(0, pageSize).map(async (r) => ({
      kind: r.kind,
      id: r.id,
      at: new Date(r.at),
      channel: r.channel,
      title: themeName(r.title, lng),
      // A case shows the status text the resident reads, not its internal key.
      status: r.service_id && r.status ? await caseStatusText(r.service_id, r.status, lng) : r.status,
      ref: r.ref,
      summary: r.summary,
      staffName: r.staff_name,
      satisfaction: r.satisfaction,
      articles: [] as { slug: string; title: string }[],
    })),
  );
  const contactIds = items.filter((i) => i.kind === "contact").map((i) => i.id);
  if (contactIds.length) {
    const used = await db
      .select({ id: contactMomentArticles.contactMomentId, slug: article.slug, title: article.title })
      .from(contactMomentArticles)
      .innerJoin(article, eq(article.id, contactMomentArticles.articleId))
      .where(inArray(contactMomentArticles.contactMomentId, contactIds));
    for (const item of items) item.articles = used.filter((u) => u.id === item.id).map(({ slug, title }) => ({ slug, title }));
  }
  return { items, page: Math.max(1, page), hasNext };
}

export async function loadResident(residentId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(residentId)) return undefined;
  const person = await findPerson(residentId, db);
  return person && person.roles.includes("resident") ? person : undefined;
}

/**
 * Opens a resident's file for a staff member: the person and one page of their timeline.
 * Every opening is written to the audit log before anything is shown.
 */
export async function openResidentFile(actor: CurrentUser, residentId: string, page = 1, lng = "nl") {
  assertCanViewResidents(actor);
  const person = await loadResident(residentId);
  if (!person) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
  // The audit row is written while the timeline is read: one round trip (and commit wait) less.
  // Nothing is returned unless the audit row was written: Promise.all rejects if it fails.
  const [, timeline, offeredPhone] = await Promise.all([
    db.transaction((tx) =>
      recordAudit({ actorId: actor.id, action: "resident.file.opened", subjectUserId: person.id, entityType: "user", entityId: person.id, details: { page } }, tx),
    ),
    residentTimeline(person.id, page, lng),
    phoneOffer(person),
  ]);
  return {
    resident: {
      id: person.id,
      name: person.name,
      email: person.email,
      phone: person.phone,
      preferredLanguage: person.preferredLanguage,
      preferredChannel: person.preferredChannel,
      claimed: person.claimedAt !== null,
      createdAt: person.createdAt,
    },
    /** A phone number from one of their requests, offered for the profile when it has none. */
    offeredPhone,
    ...timeline,
  };
}
