import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, asc, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { createCookie } from "@remix-run/node";
import QRCode from "qrcode";
import { buildings, entrancePosters, entrances, invitations, kiosks, passes, walkInHosts, walkIns } from "../../../db/schema";
import { activePeopleWithRole, findPerson, peopleView } from "~/modules/identity/directory.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { clearEverywhere } from "~/modules/platform/cache-bus.server";
import type { CurrentUser } from "~/modules/identity/users.server";
import { enqueueMail } from "~/modules/notify/outbox.server";
import { DomainError } from "~/modules/platform/errors";
import { hitRateLimit } from "~/modules/platform/rate-limit.server";
import { db } from "~/utils/db.server";
import { env, isProduction } from "~/utils/env.server";
import { fixedT } from "~/utils/i18next.server";
import { assertAdmin } from "./kiosks.server";
import { signPassToken } from "./pass-token.server";
import { scanAtKiosk, type KioskAnswer } from "./scan.server";
import { looksLikeShortCode, normaliseShortCode } from "./short-code";
import { resolveShortCode } from "./short-code.server";
import { brusselsParts, brusselsToUtc } from "./time";
import { ENTRANCE_VISIT_COOKIE } from "./visit-cookie";

/** Hosts are people of identity, joined through its read-only helper (decision 017). */
const hostPerson = peopleView("host_person");

/**
 * The QR poster at an entrance (issue 19): a public page per entrance, reached through an
 * unguessable code, where a visitor checks in with their invitation, asks to be let in
 * without one, or checks out. Check-in and check-out go through `scanAtKiosk` with the
 * poster's own two kiosk rows, so the single-use, window, revocation and notification rules
 * are exactly the kiosk's.
 */

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const sameHash = (storedHex: string | null, secret: string) => {
  if (!storedHex) return false;
  const a = Buffer.from(storedHex, "hex");
  const b = Buffer.from(sha256(secret), "hex");
  return a.length === b.length && timingSafeEqual(a, b);
};
export const POSTER_CODE = /^[A-Za-z0-9_-]{22}$/;
const newCode = () => randomBytes(16).toString("base64url");

/** Posts per entrance and client address per minute (visitors on the building's Wi-Fi share an address); ACCESS_ENTRANCE_POSTS_PER_MINUTE, default 30. */
export const entrancePostsPerMinute = () => env().ACCESS_ENTRANCE_POSTS_PER_MINUTE;

export const entranceUrl = (code: string) => `${env().PUBLIC_URL}/ingang/${code}`;

async function createPoster(entranceId: string, actorId: string) {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(entrancePosters).where(eq(entrancePosters.entranceId, entranceId)).for("update");
    if (existing) return existing;
    const [entrance] = await tx.select({ id: entrances.id, name: entrances.name }).from(entrances).where(eq(entrances.id, entranceId));
    if (!entrance) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
    // Kiosk rows without a usable credential: only the poster's page scans through them.
    const secretHash = sha256(randomBytes(24).toString("base64url"));
    const [entry, exit] = await tx
      .insert(kiosks)
      .values([
        { entranceId, name: `QR-affiche ${entrance.name} (aankomst)`, mode: "entry", secretHash, createdBy: actorId },
        { entranceId, name: `QR-affiche ${entrance.name} (vertrek)`, mode: "exit", secretHash, createdBy: actorId },
      ])
      .returning({ id: kiosks.id });
    const [row] = await tx.insert(entrancePosters).values({ entranceId, code: newCode(), entryKioskId: entry.id, exitKioskId: exit.id }).returning();
    await recordAudit({ actorId, action: "access.poster.created", entityType: "entrance", entityId: entranceId }, tx);
    return row;
  });
}

/** What the poster shows: made on first use. Admins only. */
export async function posterForEntrance(actor: CurrentUser, entranceId: string) {
  assertAdmin(actor);
  const poster = await createPoster(entranceId, actor.id);
  const [place] = await db
    .select({ entranceName: entrances.name, buildingName: buildings.name, address: buildings.address })
    .from(entrances)
    .innerJoin(buildings, eq(buildings.id, entrances.buildingId))
    .where(eq(entrances.id, entranceId));
  return { ...place, url: entranceUrl(poster.code), replacedAt: poster.replacedAt };
}

/** A new code: the old poster's link stops working at once. */
export async function replacePosterCode(actor: CurrentUser, entranceId: string) {
  assertAdmin(actor);
  await createPoster(entranceId, actor.id);
  await db.transaction(async (tx) => {
    await tx.update(entrancePosters).set({ code: newCode(), replacedAt: new Date() }).where(eq(entrancePosters.entranceId, entranceId));
    await recordAudit({ actorId: actor.id, action: "access.poster.replaced", entityType: "entrance", entityId: entranceId }, tx);
  });
  // The old code's page may be in the anonymous page cache: it stops working in every process now.
  clearEverywhere("entrances");
}

/** Entrances with whether they have a poster yet, for /werk/toegang. */
export async function listPosters(actor: CurrentUser) {
  assertAdmin(actor);
  return db
    .select({ entranceId: entrances.id, entranceName: entrances.name, buildingName: buildings.name, replacedAt: entrancePosters.replacedAt })
    .from(entrances)
    .innerJoin(buildings, eq(buildings.id, entrances.buildingId))
    .leftJoin(entrancePosters, eq(entrancePosters.entranceId, entrances.id))
    .orderBy(asc(buildings.code), asc(entrances.name));
}

/** The A4 poster as SVG: building, address, the QR and short instructions in nl, en and fr. */
export async function posterSvg(actor: CurrentUser, entranceId: string) {
  const p = await posterForEntrance(actor, entranceId);
  const qr = await QRCode.toString(p.url, { type: "svg", errorCorrectionLevel: "M", margin: 0 });
  const inner = qr.replace(/^[\s\S]*?<svg[^>]*viewBox="([^"]+)"[^>]*>/, '<svg x="45" y="80" width="120" height="120" viewBox="$1">');
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
  const lines = (["nl", "en", "fr"] as const).map((lng, i) => {
    const t = fixedT(lng, "access");
    const y = 215 + i * 22;
    return `<text x="105" y="${y}" font-size="6.2" font-weight="bold" text-anchor="middle">${esc(t("poster.scan"))}</text>
<text x="105" y="${y + 8}" font-size="4.6" text-anchor="middle">${esc(t("poster.options"))}</text>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" viewBox="0 0 210 297" font-family="Helvetica, Arial, sans-serif" role="img" aria-label="${esc(p.buildingName)}">
<rect width="210" height="297" fill="#fff"/>
<text x="105" y="35" font-size="13" font-weight="bold" text-anchor="middle">${esc(p.buildingName)}</text>
<text x="105" y="48" font-size="6.5" text-anchor="middle">${esc(p.address ?? "")}</text>
<text x="105" y="60" font-size="6" text-anchor="middle">${esc(p.entranceName)}</text>
${inner}
${lines.join("\n")}
<text x="105" y="285" font-size="3.5" text-anchor="middle" fill="#444">${esc(p.url)}</text>
</svg>`;
}

export type Entrance = {
  code: string;
  entranceId: string;
  entranceName: string;
  buildingId: string;
  buildingName: string;
  address: string | null;
  entryKioskId: string;
  exitKioskId: string;
};

/** The entrance behind a poster code; undefined for an unknown or replaced code. */
export async function entranceByCode(code: string): Promise<Entrance | undefined> {
  if (!POSTER_CODE.test(code)) return undefined;
  const [row] = await db
    .select({
      code: entrancePosters.code,
      entranceId: entrances.id,
      entranceName: entrances.name,
      buildingId: buildings.id,
      buildingName: buildings.name,
      address: buildings.address,
      entryKioskId: entrancePosters.entryKioskId,
      exitKioskId: entrancePosters.exitKioskId,
    })
    .from(entrancePosters)
    .innerJoin(entrances, eq(entrances.id, entrancePosters.entranceId))
    .innerJoin(buildings, eq(buildings.id, entrances.buildingId))
    .where(eq(entrancePosters.code, code));
  return row;
}

/** Counts one post on an entrance page; over the limit is a 429. */
export async function limitEntrance(entrance: Entrance, clientIp: string) {
  const limit = await hitRateLimit({ name: "entrance", limit: entrancePostsPerMinute(), windowSeconds: 60 }, `${entrance.entranceId}:${clientIp}`);
  if (!limit.allowed) throw new DomainError("RATE_LIMITED", "access:entrance.errors.rateLimited", { retryAfterSeconds: limit.retryAfterSeconds });
}

/**
 * What the visitor holds: the pass link from their invitation mail (/pas/<id>/<key>), the
 * pass's short code from that mail (typed), or the status link of an approved walk-in. Kept in
 * a cookie on the visitor's phone for check-out.
 */
export type VisitorRef = { kind: "pass" | "walkin"; id: string; key: string } | { kind: "code"; code: string };
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const PASS_LINK = new RegExp(`/pas/(${UUID})/([A-Za-z0-9_-]{10,64})`, "i");
const WALKIN_LINK = new RegExp(`/bezoek/(${UUID})/([A-Za-z0-9_-]{10,64})`, "i");

export function parseVisitorRef(text: string): VisitorRef | undefined {
  const p = PASS_LINK.exec(text);
  if (p) return { kind: "pass", id: p[1].toLowerCase(), key: p[2] };
  const w = WALKIN_LINK.exec(text);
  if (w) return { kind: "walkin", id: w[1].toLowerCase(), key: w[2] };
  // Case, spaces and hyphens do not matter; the check character is verified on use.
  const code = looksLikeShortCode(text) ? normaliseShortCode(text) : undefined;
  if (code) return { kind: "code", code };
  return undefined;
}
export const visitorRefText = (r: VisitorRef) => (r.kind === "code" ? r.code : r.kind === "pass" ? `/pas/${r.id}/${r.key}` : `/bezoek/${r.id}/${r.key}`);

/**
 * The signed QR text behind what the visitor holds: a link whose key is right, or a short code
 * (exactly as typed at a kiosk: its check character first, then a look-up that counts against the
 * short-code limit for this client address; over it is a 429).
 */
async function tokenFor(ref: VisitorRef, clientIp: string): Promise<string | { outcome: "short_code_typo" } | undefined> {
  if (ref.kind === "code") {
    const resolved = await resolveShortCode(ref.code, `entrance:${clientIp}`);
    if (resolved.ok) return resolved.token;
    if (resolved.reason === "rate_limited") throw new DomainError("RATE_LIMITED", "access:entrance.errors.rateLimited", { retryAfterSeconds: resolved.retryAfterSeconds });
    return resolved.reason === "typo" ? { outcome: "short_code_typo" } : undefined;
  }
  if (ref.kind === "pass") {
    const [p] = await db.select({ token: passes.token, viewKeyHash: passes.viewKeyHash }).from(passes).where(eq(passes.id, ref.id));
    return p && sameHash(p.viewKeyHash, ref.key) ? (p.token ?? undefined) : undefined;
  }
  const [w] = await db
    .select({ token: passes.token, viewKeyHash: walkIns.viewKeyHash })
    .from(walkIns)
    .innerJoin(passes, eq(passes.id, walkIns.passId))
    .where(eq(walkIns.id, ref.id));
  return w && sameHash(w.viewKeyHash, ref.key) ? (w.token ?? undefined) : undefined;
}

export type EntranceAnswer = KioskAnswer | { outcome: "unknown_pass"; hostName?: undefined; visitorName?: undefined };

async function scanAtPoster(kioskId: string, ref: VisitorRef | undefined, clientIp: string): Promise<EntranceAnswer> {
  const token = ref && (await tokenFor(ref, clientIp));
  if (!token) return { outcome: "unknown_pass" };
  if (typeof token !== "string") return token;
  return scanAtKiosk(kioskId, token);
}

/** "Ik heb een uitnodiging" (link or short code): recorded as a scan at the poster's arrival kiosk. */
export async function checkInAtEntrance(entrance: Entrance, ref: VisitorRef | undefined, clientIp: string): Promise<EntranceAnswer> {
  return scanAtPoster(entrance.entryKioskId, ref, clientIp);
}

/** "Ik vertrek": a scan at the poster's departure kiosk. */
export async function checkOutAtEntrance(entrance: Entrance, ref: VisitorRef | undefined, clientIp: string): Promise<EntranceAnswer> {
  return scanAtPoster(entrance.exitKioskId, ref, clientIp);
}

/** Hosts who chose to be listed for walk-ins in this building: the only staff the page names. */
export async function walkInHostsFor(buildingId: string) {
  return db
    .select({ id: hostPerson.id, name: hostPerson.name })
    .from(walkInHosts)
    .innerJoin(hostPerson, eq(hostPerson.id, walkInHosts.userId))
    .where(and(eq(walkInHosts.buildingId, buildingId), eq(hostPerson.active, true), sql`'host' = any(${hostPerson.roles})`))
    .orderBy(asc(hostPerson.name));
}

export const RECEPTION = "reception";

/** "Ik heb geen uitnodiging": records the request and tells the host (or the reception) by mail. */
export async function requestWalkIn(entrance: Entrance, input: { name: string; hostId: string; purpose: string; language: string }) {
  let host: { id: string; name: string; email: string | null; preferredLanguage: string | null } | undefined;
  if (input.hostId !== RECEPTION) {
    const listed = await walkInHostsFor(entrance.buildingId);
    if (!listed.some((h) => h.id === input.hostId)) throw new DomainError("VALIDATION", "access:entrance.errors.host");
    host = await findPerson(input.hostId, db);
  }
  const key = randomBytes(18).toString("base64url");
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(walkIns)
      .values({
        entranceId: entrance.entranceId,
        buildingId: entrance.buildingId,
        hostId: host?.id ?? null,
        visitorName: input.name,
        purpose: input.purpose,
        language: input.language,
        viewKeyHash: sha256(key),
      })
      .returning({ id: walkIns.id });
    const recipients = host ? [host] : await activePeopleWithRole("frontoffice", tx);
    for (const r of recipients) {
      if (!r.email) continue;
      const lng = r.preferredLanguage ?? "nl";
      const t = fixedT(lng, "access");
      const vars = {
        visitor: input.name,
        building: entrance.buildingName,
        entrance: entrance.entranceName,
        purpose: input.purpose,
        url: `${env().PUBLIC_URL}/werk/bezoekers/binnenlopers`,
      };
      await enqueueMail({ to: r.email, subject: t("mail.walkIn.subject", vars), text: t("mail.walkIn.body", vars), template: "access.walkin", language: lng }, tx);
    }
    return row.id;
  });
  return { id, key };
}

/** The visitor's status page: the answer and, once approved, the pass. */
export async function walkInForVisitor(id: string, key: string) {
  const [row] = await db
    .select({ w: walkIns, hostName: hostPerson.name, token: passes.token, inside: passes.inside })
    .from(walkIns)
    .leftJoin(hostPerson, eq(hostPerson.id, walkIns.hostId))
    .leftJoin(passes, eq(passes.id, walkIns.passId))
    .where(eq(walkIns.id, id));
  if (!row || !sameHash(row.w.viewKeyHash, key)) return undefined;
  const qr = row.token ? `data:image/png;base64,${(await QRCode.toBuffer(row.token, { errorCorrectionLevel: "M", margin: 4, scale: 8, type: "png" })).toString("base64")}` : null;
  return { status: row.w.status, visitorName: row.w.visitorName ?? "", hostName: row.hostName, inside: Boolean(row.inside), qrDataUri: qr };
}

const canReceive = (actor: CurrentUser) => actor.roles.includes("frontoffice") || actor.roles.includes("admin");

/** The host's own choice: in which buildings they take walk-ins. */
export async function setWalkInBuildings(actor: CurrentUser, buildingIds: string[]) {
  if (!actor.roles.includes("host")) throw new DomainError("FORBIDDEN", "common:errors.forbidden.title");
  await db.transaction(async (tx) => {
    await tx.delete(walkInHosts).where(eq(walkInHosts.userId, actor.id));
    const known = buildingIds.length ? await tx.select({ id: buildings.id }).from(buildings).where(inArray(buildings.id, buildingIds)) : [];
    if (known.length) await tx.insert(walkInHosts).values(known.map((b) => ({ userId: actor.id, buildingId: b.id })));
  });
  // Entrance pages list the hosts: a cached one shows the new list at once.
  clearEverywhere("entrances");
}

export async function myWalkInBuildings(actor: CurrentUser) {
  return (await db.select({ buildingId: walkInHosts.buildingId }).from(walkInHosts).where(eq(walkInHosts.userId, actor.id))).map((r) => r.buildingId);
}

/** Walk-ins waiting for this staff member: their own, and the reception's for front office and admins. */
export async function pendingWalkIns(actor: CurrentUser) {
  const mine = eq(walkIns.hostId, actor.id);
  return db
    .select({
      id: walkIns.id,
      visitorName: walkIns.visitorName,
      purpose: walkIns.purpose,
      createdAt: walkIns.createdAt,
      buildingName: buildings.name,
      entranceName: entrances.name,
      forReception: sql<boolean>`${walkIns.hostId} is null`,
    })
    .from(walkIns)
    .innerJoin(buildings, eq(buildings.id, walkIns.buildingId))
    .innerJoin(entrances, eq(entrances.id, walkIns.entranceId))
    .where(and(eq(walkIns.status, "pending"), canReceive(actor) ? or(mine, isNull(walkIns.hostId)) : mine, sql`${walkIns.createdAt} > now() - interval '1 day'`))
    .orderBy(desc(walkIns.createdAt))
    .limit(50);
}

/**
 * The host (or reception) answers. On yes a single-use pass for the rest of the day is issued
 * on the spot and the arrival recorded at the entrance's poster, as a kiosk would.
 */
export async function answerWalkIn(actor: CurrentUser, id: string, approve: boolean) {
  const [w] = await db.select().from(walkIns).where(eq(walkIns.id, id));
  const allowed = w && (w.hostId === actor.id || (w.hostId === null && canReceive(actor)));
  if (!w || !allowed) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
  if (w.status !== "pending") throw new DomainError("INVALID_STATE", "access:entrance.errors.answered");
  const [poster] = await db.select().from(entrancePosters).where(eq(entrancePosters.entranceId, w.entranceId));
  const [building] = await db.select().from(buildings).where(eq(buildings.id, w.buildingId));
  const passId = await db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(walkIns)
      .set({ status: approve ? "approved" : "refused", answeredBy: actor.id, answeredAt: new Date() })
      .where(and(eq(walkIns.id, id), eq(walkIns.status, "pending")))
      .returning({ id: walkIns.id });
    if (!claimed) throw new DomainError("INVALID_STATE", "access:entrance.errors.answered");
    await recordAudit({ actorId: actor.id, action: approve ? "access.walkin.approved" : "access.walkin.refused", entityType: "walkin", entityId: id }, tx);
    if (!approve) return undefined;
    const from = new Date();
    const endOfDay = brusselsToUtc(brusselsParts(from).date, "23:59");
    const until = new Date(Math.max(endOfDay.getTime(), from.getTime() + 60 * 60 * 1000));
    const [inv] = await tx
      .insert(invitations)
      .values({ hostId: actor.id, buildingId: w.buildingId, entranceId: w.entranceId, purpose: "Binnenloper / walk-in" })
      .returning({ id: invitations.id });
    const [pass] = await tx
      .insert(passes)
      .values({ invitationId: inv.id, buildingId: w.buildingId, visitorName: w.visitorName, visitorLanguage: w.language, validFrom: from, validUntil: until, remainingEntries: 1 })
      .returning({ id: passes.id });
    const token = signPassToken({ passId: pass.id, buildingCode: building.code, validFrom: from, validUntil: until });
    await tx.update(passes).set({ token }).where(eq(passes.id, pass.id));
    await tx.update(walkIns).set({ passId: pass.id }).where(eq(walkIns.id, id));
    return { id: pass.id, token };
  });
  // After commit: the arrival, exactly as at the entrance's kiosk (presence list, scan log).
  if (passId && poster) await scanAtKiosk(poster.entryKioskId, passId.token);
}

/** Retention: walk-in names and purposes go with the same period as invitations. */
export async function eraseWalkInData(days = env().ACCESS_RETENTION_DAYS) {
  const rows = await db.execute(sql`
    update access_walkins set visitor_name = null, purpose = null, view_key_hash = null, anonymised_at = now()
    where anonymised_at is null and created_at < now() - make_interval(days => ${days})
    returning id`);
  await db.execute(sql`
    update outbox set to_address = 'erased', subject = '', text = '', html = null, attachments = '[]'::jsonb
    where status <> 'pending' and template = 'access.walkin' and created_at < now() - make_interval(days => ${days})`);
  return { walkIns: rows.length };
}

/** The visitor's phone remembers their visit for check-out (only under /ingang, for a day). */
let visitCookie: ReturnType<typeof createCookie> | undefined;
export function entranceVisitCookie() {
  visitCookie ??= createCookie(ENTRANCE_VISIT_COOKIE, { httpOnly: true, sameSite: "lax", secure: isProduction(), path: "/ingang", maxAge: 60 * 60 * 24 });
  return visitCookie;
}
export async function visitFromRequest(request: Request): Promise<VisitorRef | undefined> {
  const value = await entranceVisitCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" ? parseVisitorRef(value) : undefined;
}
