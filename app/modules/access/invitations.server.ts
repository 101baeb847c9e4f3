import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { buildings, entrances, invitations, kiosks, passes, scans } from "../../../db/schema";
import { peopleView } from "~/modules/identity/directory.server";
import { recordAudit } from "~/modules/audit/audit.server";
import type { CurrentUser } from "~/modules/identity/users.server";
import { enqueueMail } from "~/modules/notify/outbox.server";
import { DomainError } from "~/modules/platform/errors";
import { db, type Tx } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { eraseWalkInData } from "./entrance.server";
import { passCalendarUid, passMail, qrPng, revokedMail } from "./mail.server";
import { signPassToken } from "./pass-token.server";
import { formatShortCode, newShortCode } from "./short-code";
import type { InvitationInput } from "./schemas";
import { addDays, brusselsToUtc } from "./time";
import { assertCan, can } from "~/modules/identity/permissions";

/** Hosts are people of identity, joined through its read-only helper (decision 017). */
const hostPerson = peopleView("host_person");

const canHost = (actor: CurrentUser) => can(actor, "visitors.host");
const canOversee = (actor: CurrentUser) => can(actor, "admin.manage");
function assertHost(actor: CurrentUser) {
  if (!canHost(actor)) throw new DomainError("FORBIDDEN", "common:errors.forbidden.title");
}
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export async function listBuildings() {
  return db
    .select({
      id: buildings.id,
      name: buildings.name,
      address: buildings.address,
      openingHours: buildings.openingHours,
      accessibility: buildings.accessibility,
      code: buildings.code,
    })
    .from(buildings)
    .orderBy(asc(buildings.code));
}

/** An admin sets what visitors read about a building; an empty field is stored as "not stated". */
export async function updateBuildingInfo(actor: CurrentUser, input: { buildingId: string; address: string; openingHours: string; accessibility: string }) {
  if (!canOversee(actor)) throw new DomainError("FORBIDDEN", "common:errors.forbidden.title");
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(buildings)
      .set({ address: input.address || null, openingHours: input.openingHours || null, accessibility: input.accessibility || null })
      .where(eq(buildings.id, input.buildingId))
      .returning({ id: buildings.id });
    if (!row) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
    await recordAudit({ actorId: actor.id, action: "access.building.updated", entityType: "building", entityId: row.id }, tx);
  });
}

export async function listEntrances() {
  return db
    .select({ id: entrances.id, name: entrances.name, buildingId: buildings.id, buildingName: buildings.name })
    .from(entrances)
    .innerJoin(buildings, eq(buildings.id, entrances.buildingId))
    .orderBy(asc(buildings.code), asc(entrances.name));
}

type Visitor = { name: string; email: string; organisation: string | null; language: string };

/** Makes a pass row, signs its token and queues the visitor's mail, all in the caller's transaction. */
async function issuePass(
  tx: Tx,
  ctx: {
    invitationId: string;
    building: { id: string; code: number; name: string; address: string | null; openingHours: string | null; accessibility: string | null };
    hostName: string;
    purpose: string;
    multiple: boolean;
  },
  visitor: Visitor,
  window: { from: Date; until: Date },
  kind: "invitation" | "changed",
  /** On a re-issue: the replaced pass's calendar event, so the visitor's calendar moves it. */
  calendar?: { calendarUid: string; calendarSequence: number },
) {
  const viewKey = randomBytes(18).toString("base64url");
  const shortCode = newShortCode();
  const [pass] = await tx
    .insert(passes)
    .values({
      invitationId: ctx.invitationId,
      buildingId: ctx.building.id,
      visitorName: visitor.name,
      visitorEmail: visitor.email,
      visitorOrganisation: visitor.organisation || null,
      visitorLanguage: visitor.language,
      validFrom: window.from,
      validUntil: window.until,
      remainingEntries: ctx.multiple ? null : 1,
      viewKeyHash: sha256(viewKey),
      ...calendar,
      shortCode,
    })
    .returning({ id: passes.id, calendarUid: passes.calendarUid, calendarSequence: passes.calendarSequence });
  const token = signPassToken({ passId: pass.id, buildingCode: ctx.building.code, validFrom: window.from, validUntil: window.until });
  await tx.update(passes).set({ token }).where(eq(passes.id, pass.id));
  const mail = await passMail(
    {
      passId: pass.id,
      viewKey,
      token,
      visitorName: visitor.name,
      visitorEmail: visitor.email,
      language: visitor.language,
      hostName: ctx.hostName,
      buildingName: ctx.building.name,
      address: ctx.building.address,
      openingHours: ctx.building.openingHours,
      accessibility: ctx.building.accessibility,
      shortCode: formatShortCode(shortCode),
      purpose: ctx.purpose,
      validFrom: window.from,
      validUntil: window.until,
      calendarUid: passCalendarUid(pass),
      calendarSequence: pass.calendarSequence,
    },
    kind,
  );
  await enqueueMail(mail, tx);
  return pass.id;
}

/** A host invites visitors: one pass per visitor and occurrence (weekly repeats), each mailed. */
export async function createInvitation(actor: CurrentUser, input: InvitationInput) {
  assertHost(actor);
  const [building] = await db.select().from(buildings).where(eq(buildings.id, input.buildingId));
  if (!building) throw new DomainError("VALIDATION", "access:errors.building");
  const windows = Array.from({ length: input.repeatWeeks }, (_, i) => {
    const date = addDays(input.date, 7 * i);
    return { from: brusselsToUtc(date, input.from), until: brusselsToUtc(date, input.until) };
  });
  if (windows[windows.length - 1].until.getTime() < Date.now()) throw new DomainError("VALIDATION", "access:errors.inThePast");
  return db.transaction(async (tx) => {
    const [inv] = await tx
      .insert(invitations)
      .values({ hostId: actor.id, buildingId: building.id, purpose: input.purpose, multipleEntries: input.entries === "multiple" })
      .returning({ id: invitations.id });
    const ctx = { invitationId: inv.id, building, hostName: actor.name, purpose: input.purpose, multiple: input.entries === "multiple" };
    for (const visitor of input.visitors) for (const w of windows) await issuePass(tx, ctx, visitor, w, "invitation");
    await recordAudit(
      {
        actorId: actor.id,
        action: "access.invitation.created",
        entityType: "invitation",
        entityId: inv.id,
        details: { visitors: input.visitors.length, occurrences: windows.length, buildingId: building.id },
      },
      tx,
    );
    return inv.id;
  });
}

export async function listMyInvitations(actor: CurrentUser) {
  assertHost(actor);
  const rows = await db
    .select({
      id: invitations.id,
      purpose: invitations.purpose,
      buildingName: buildings.name,
      revokedAt: invitations.revokedAt,
      firstFrom: sql<Date>`min(${passes.validFrom})`.mapWith(passes.validFrom),
      passes: sql<number>`count(${passes.id}) filter (where ${passes.revokedAt} is null)`.mapWith(Number),
      inside: sql<number>`count(${passes.id}) filter (where ${passes.inside})`.mapWith(Number),
    })
    .from(invitations)
    .innerJoin(buildings, eq(buildings.id, invitations.buildingId))
    .leftJoin(passes, eq(passes.invitationId, invitations.id))
    .where(eq(invitations.hostId, actor.id))
    .groupBy(invitations.id, buildings.name)
    .orderBy(desc(invitations.createdAt))
    .limit(100);
  return rows;
}

/** Recent arrivals at the host's visitors (for their page). */
export async function recentArrivals(actor: CurrentUser) {
  assertHost(actor);
  return db
    .select({ at: scans.at, visitorName: passes.visitorName, buildingName: buildings.name, invitationId: invitations.id })
    .from(scans)
    .innerJoin(passes, eq(passes.id, scans.passId))
    .innerJoin(invitations, eq(invitations.id, passes.invitationId))
    .innerJoin(buildings, eq(buildings.id, passes.buildingId))
    .where(and(eq(invitations.hostId, actor.id), eq(scans.outcome, "welcome"), sql`${scans.at} > now() - interval '7 days'`))
    .orderBy(desc(scans.at))
    .limit(20);
}

async function loadInvitation(actor: CurrentUser, id: string) {
  const [inv] = await db
    .select({
      id: invitations.id,
      hostId: invitations.hostId,
      purpose: invitations.purpose,
      multipleEntries: invitations.multipleEntries,
      revokedAt: invitations.revokedAt,
      building: buildings,
      hostName: hostPerson.name,
    })
    .from(invitations)
    .innerJoin(buildings, eq(buildings.id, invitations.buildingId))
    .innerJoin(hostPerson, eq(hostPerson.id, invitations.hostId))
    .where(eq(invitations.id, id));
  // A host sees only their own invitations; admins oversee all.
  if (!inv || (inv.hostId !== actor.id && !canOversee(actor))) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
  return inv;
}

export async function getInvitation(actor: CurrentUser, id: string) {
  if (!canHost(actor) && !canOversee(actor)) throw new DomainError("FORBIDDEN", "common:errors.forbidden.title");
  const inv = await loadInvitation(actor, id);
  const rows = await db.select().from(passes).where(eq(passes.invitationId, id)).orderBy(asc(passes.validFrom), asc(passes.createdAt));
  const log = rows.length
    ? await db
        .select({ passId: scans.passId, at: scans.at, outcome: scans.outcome, direction: scans.direction, kioskName: kiosks.name })
        .from(scans)
        .leftJoin(kiosks, eq(kiosks.id, scans.kioskId))
        .where(
          inArray(
            scans.passId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(scans.at))
    : [];
  if (inv.hostId !== actor.id) await db.transaction((tx) => recordAudit({ actorId: actor.id, action: "access.invitation.viewed", entityType: "invitation", entityId: id }, tx));
  return {
    id: inv.id,
    mine: inv.hostId === actor.id,
    purpose: inv.purpose,
    multipleEntries: inv.multipleEntries,
    revokedAt: inv.revokedAt,
    buildingName: inv.building.name,
    hostName: inv.hostName,
    passes: rows.map((p) => ({
      id: p.id,
      visitorName: p.visitorName,
      visitorEmail: p.visitorEmail,
      visitorOrganisation: p.visitorOrganisation,
      validFrom: p.validFrom,
      validUntil: p.validUntil,
      revokedAt: p.revokedAt,
      replaced: Boolean(p.replacedBy),
      inside: p.inside,
      remainingEntries: p.remainingEntries,
      anonymised: Boolean(p.anonymisedAt),
      scans: log.filter((s) => s.passId === p.id),
    })),
  };
}

/**
 * Changes the window of every live pass of the invitation: each gets a new pass (new QR)
 * and the old one is revoked, so the old code stops working. Visitors are told by mail.
 */
export async function rescheduleInvitation(actor: CurrentUser, id: string, window: { date: string; from: string; until: string }) {
  assertHost(actor);
  const inv = await loadInvitation(actor, id);
  if (inv.hostId !== actor.id) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
  if (inv.revokedAt) throw new DomainError("INVALID_STATE", "access:errors.alreadyRevoked");
  const from = brusselsToUtc(window.date, window.from);
  const until = brusselsToUtc(window.date, window.until);
  if (until.getTime() < Date.now()) throw new DomainError("VALIDATION", "access:errors.inThePast");
  return db.transaction(async (tx) => {
    const live = await tx
      .update(passes)
      .set({ revokedAt: new Date() })
      .where(and(eq(passes.invitationId, id), isNull(passes.revokedAt), isNull(passes.anonymisedAt), sql`${passes.validUntil} > now()`))
      .returning();
    if (!live.length) throw new DomainError("INVALID_STATE", "access:errors.nothingToChange");
    const ctx = { invitationId: id, building: inv.building, hostName: inv.hostName, purpose: inv.purpose, multiple: inv.multipleEntries };
    // Several occurrences of one visitor collapse into the new single window.
    const seen = new Set<string>();
    for (const old of live) {
      const key = old.visitorEmail ?? old.id;
      if (seen.has(key)) continue;
      seen.add(key);
      const calendar = { calendarUid: passCalendarUid(old), calendarSequence: old.calendarSequence + 1 };
      const newId = await issuePass(
        tx,
        ctx,
        { name: old.visitorName ?? "", email: old.visitorEmail ?? "", organisation: old.visitorOrganisation, language: old.visitorLanguage },
        { from, until },
        "changed",
        calendar,
      );
      await tx
        .update(passes)
        .set({ replacedBy: newId })
        .where(
          and(
            eq(passes.invitationId, id),
            sql`${passes.visitorEmail} = ${old.visitorEmail}`,
            sql`${passes.replacedBy} is null`,
            sql`${passes.id} <> ${newId}`,
            sql`${passes.revokedAt} is not null`,
          ),
        );
    }
    await recordAudit({ actorId: actor.id, action: "access.invitation.rescheduled", entityType: "invitation", entityId: id, details: { passes: live.length } }, tx);
  });
}

/** Revokes the invitation and all its passes; each visitor with a future pass is told. */
export async function revokeInvitation(actor: CurrentUser, id: string) {
  assertHost(actor);
  const inv = await loadInvitation(actor, id);
  if (inv.hostId !== actor.id) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
  if (inv.revokedAt) throw new DomainError("INVALID_STATE", "access:errors.alreadyRevoked");
  await db.transaction(async (tx) => {
    await tx.update(invitations).set({ revokedAt: new Date() }).where(eq(invitations.id, id));
    const revoked = await tx
      .update(passes)
      .set({ revokedAt: new Date(), calendarSequence: sql`${passes.calendarSequence} + 1` })
      .where(and(eq(passes.invitationId, id), isNull(passes.revokedAt)))
      .returning();
    // One mail per visitor, cancelling each of their future events in their calendar.
    const future = new Map<string, typeof revoked>();
    for (const p of revoked) {
      if (!p.visitorEmail || p.validUntil.getTime() < Date.now()) continue;
      future.set(p.visitorEmail, [...(future.get(p.visitorEmail) ?? []), p]);
    }
    for (const [email, own] of future) {
      const p = own[0];
      await enqueueMail(
        revokedMail({
          visitorName: p.visitorName ?? "",
          visitorEmail: email,
          language: p.visitorLanguage,
          hostName: inv.hostName,
          buildingName: inv.building.name,
          address: inv.building.address,
          validFrom: p.validFrom,
          validUntil: p.validUntil,
          events: own.map((e) => ({ calendarUid: passCalendarUid(e), calendarSequence: e.calendarSequence, validFrom: e.validFrom, validUntil: e.validUntil })),
        }),
        tx,
      );
    }
    await recordAudit({ actorId: actor.id, action: "access.invitation.revoked", entityType: "invitation", entityId: id, details: { passes: revoked.length } }, tx);
  });
}

/** The visitor's own page: anyone with the link (id + key from the mail) sees the QR. */
export async function passForVisitor(passId: string, viewKey: string) {
  if (!/^[0-9a-f-]{36}$/.test(passId)) return undefined;
  const [row] = await db
    .select({
      pass: passes,
      buildingName: buildings.name,
      address: buildings.address,
      openingHours: buildings.openingHours,
      accessibility: buildings.accessibility,
      hostName: hostPerson.name,
      purpose: invitations.purpose,
    })
    .from(passes)
    .innerJoin(buildings, eq(buildings.id, passes.buildingId))
    .innerJoin(invitations, eq(invitations.id, passes.invitationId))
    .innerJoin(hostPerson, eq(hostPerson.id, invitations.hostId))
    .where(eq(passes.id, passId));
  if (!row?.pass.viewKeyHash || !row.pass.token) return undefined;
  const a = Buffer.from(row.pass.viewKeyHash, "hex");
  const b = Buffer.from(sha256(viewKey), "hex");
  if (a.length !== b.length || !timingSafeEqual(a, b)) return undefined;
  const png = await qrPng(row.pass.token);
  return {
    visitorName: row.pass.visitorName ?? "",
    buildingName: row.buildingName,
    address: row.address,
    openingHours: row.openingHours,
    accessibility: row.accessibility,
    hostName: row.hostName,
    purpose: row.purpose,
    validFrom: row.pass.validFrom,
    validUntil: row.pass.validUntil,
    revoked: Boolean(row.pass.revokedAt),
    expired: row.pass.validUntil.getTime() < Date.now(),
    qrDataUri: `data:image/png;base64,${png.toString("base64")}`,
    // The long QR text is the manual fallback only for passes issued before short codes.
    token: row.pass.shortCode ? null : row.pass.token,
    shortCode: row.pass.shortCode ? formatShortCode(row.pass.shortCode) : null,
  };
}

/** Who is inside a building now, with their host: for reception and evacuation. */
export async function presenceList(actor: CurrentUser, buildingId: string) {
  assertCan(actor, "access.presence");
  const [building] = await db.select().from(buildings).where(eq(buildings.id, buildingId));
  if (!building) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
  const people = await db
    .select({
      passId: passes.id,
      invitationId: passes.invitationId,
      visitorName: passes.visitorName,
      visitorOrganisation: passes.visitorOrganisation,
      hostName: hostPerson.name,
      since: sql<Date>`(select max(s.at) from access_scans s where s.pass_id = ${passes.id} and s.outcome = 'welcome')`.mapWith(scans.at),
    })
    .from(passes)
    .innerJoin(invitations, eq(invitations.id, passes.invitationId))
    .innerJoin(hostPerson, eq(hostPerson.id, invitations.hostId))
    .where(and(eq(passes.buildingId, buildingId), eq(passes.inside, true)))
    .orderBy(asc(passes.visitorName));
  await db.transaction((tx) =>
    recordAudit({ actorId: actor.id, action: "access.presence.viewed", entityType: "building", entityId: buildingId, details: { count: people.length } }, tx),
  );
  return { building: { id: building.id, name: building.name }, people, at: new Date() };
}

/** Check-out at the desk: staff mark a visitor as gone. */
export async function checkOutAtDesk(actor: CurrentUser, passId: string) {
  assertCan(actor, "access.presence");
  await db.transaction(async (tx) => {
    const [p] = await tx
      .update(passes)
      .set({ inside: false })
      .where(and(eq(passes.id, passId), eq(passes.inside, true)))
      .returning({ id: passes.id, buildingId: passes.buildingId });
    if (!p) throw new DomainError("INVALID_STATE", "access:errors.notInside");
    await tx.insert(scans).values({ passId, buildingId: p.buildingId, direction: "out", outcome: "goodbye", byUserId: actor.id });
    await recordAudit({ actorId: actor.id, action: "access.checkout.desk", entityType: "pass", entityId: passId }, tx);
  });
}

/**
 * Retention: some days after the visit, visitors' names, addresses, organisations, the QR
 * and the mails about them are erased. Pass rows and scans stay, so counts remain.
 */
export async function eraseVisitorData(days = env().ACCESS_RETENTION_DAYS) {
  const erased = await erasePassData(days);
  // Walk-ins asked at an entrance page (issue 19) follow the same period.
  return { ...erased, ...(await eraseWalkInData(days)) };
}

async function erasePassData(days: number) {
  return db.transaction(async (tx) => {
    const erased = await tx.execute<{ id: string; visitor_email: string | null }>(sql`
      update access_passes p set visitor_name = null, visitor_email = null, visitor_organisation = null,
        token = null, short_code = null, view_key_hash = null, inside = false, anonymised_at = now()
      from (select id, visitor_email from access_passes where anonymised_at is null and valid_until < now() - make_interval(days => ${days}) for update) old
      where p.id = old.id
      returning p.id, old.visitor_email`);
    // Mails to those visitors, and arrival notices (they name the visitor), are blanked too.
    const emails = [...new Set(erased.map((r) => r.visitor_email).filter((e): e is string => Boolean(e)))];
    await tx.execute(sql`
      update outbox set to_address = 'erased', subject = '', text = '', html = null, attachments = '[]'::jsonb
      where status <> 'pending' and (
        (template in ('access.invitation', 'access.changed', 'access.revoked') and to_address = any(string_to_array(${emails.join("\n")}, E'\n')))
        or (template = 'access.arrival' and created_at < now() - make_interval(days => ${days})))`);
    return { passes: erased.length };
  });
}
