import { and, asc, eq, sql } from "drizzle-orm";
import { deskAssignments, deskThemes, desks } from "../../../db/schema";
import { activePeopleWithRole, peopleView } from "~/modules/identity/directory.server";
import { recordAudit } from "~/modules/audit/audit.server";
import type { CurrentUser } from "~/modules/identity/users.server";
import { DomainError } from "~/modules/platform/errors";
import { db } from "~/utils/db.server";
import type { ThemeInput } from "./admin-schemas";
import { seatAgent } from "./queue.server";
import { assertCan } from "~/modules/identity/permissions";

/** Read through identity's read-only join helper (decision 017). */
const agentPerson = peopleView("agent");
/** Admin screens for the counters: themes (themaloketten), desks and who sits where. Admin only. */

const TODAY = sql`(now() at time zone 'Europe/Brussels')::date`;

export const assertAdmin = (actor: CurrentUser) => assertCan(actor, "admin.manage");

/** Every theme, inactive ones too, with how many tickets it has today. */
export async function listAllThemes(actor: CurrentUser) {
  assertAdmin(actor);
  return db
    .select({
      id: deskThemes.id,
      slug: deskThemes.slug,
      letter: deskThemes.letter,
      name: deskThemes.name,
      pictogram: deskThemes.pictogram,
      sortOrder: deskThemes.sortOrder,
      active: deskThemes.active,
      // Qualified by hand: drizzle writes a bare "id" here, which the subquery would read as tickets.id.
      ticketsToday: sql<number>`(select count(*)::int from tickets k where k.theme_id = desk_themes.id and k.day = ${TODAY})`,
    })
    .from(deskThemes)
    .orderBy(asc(deskThemes.sortOrder), asc(deskThemes.letter));
}

export async function getTheme(actor: CurrentUser, slug: string) {
  assertAdmin(actor);
  const [theme] = await db.select().from(deskThemes).where(eq(deskThemes.slug, slug));
  if (!theme) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
  return theme;
}

/** A URL-safe slug from the Dutch name ("Wonen & energie" → "wonen-energie"). */
export function slugify(text: string) {
  return (
    text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 50) || "thema"
  );
}

const isUniqueViolation = (err: unknown) => (err as { code?: string })?.code === "23505";

/** Adds a theme, or changes one (found by slug). The letter is unique: it starts every ticket number. */
export async function saveTheme(actor: CurrentUser, input: ThemeInput, slug?: string) {
  assertAdmin(actor);
  const values = {
    letter: input.letter,
    name: { nl: input.nameNl, en: input.nameEn, fr: input.nameFr },
    pictogram: input.pictogram,
    sortOrder: input.sortOrder,
  };
  return db.transaction(async (tx) => {
    const [clash] = await tx.select({ slug: deskThemes.slug }).from(deskThemes).where(eq(deskThemes.letter, input.letter));
    if (clash && clash.slug !== slug) throw new DomainError("CONFLICT", "counteradmin:errors.letterTaken");
    let theme;
    if (slug) {
      [theme] = await tx.update(deskThemes).set(values).where(eq(deskThemes.slug, slug)).returning();
      if (!theme) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
    } else {
      let newSlug = slugify(input.nameNl);
      const [taken] = await tx.select({ id: deskThemes.id }).from(deskThemes).where(eq(deskThemes.slug, newSlug));
      if (taken) newSlug = `${newSlug}-${input.letter.toLowerCase()}`;
      try {
        [theme] = await tx
          .insert(deskThemes)
          .values({ ...values, slug: newSlug })
          .returning();
      } catch (err) {
        if (isUniqueViolation(err)) throw new DomainError("CONFLICT", "counteradmin:errors.letterTaken");
        throw err;
      }
    }
    await recordAudit({ actorId: actor.id, action: slug ? "counter.theme.updated" : "counter.theme.created", entityType: "desk_theme", entityId: theme.id, details: values }, tx);
    return theme;
  });
}

/** Switches a theme on or off at the kiosk and on the booking page; its history stays. */
export async function setThemeActive(actor: CurrentUser, slug: string, active: boolean) {
  assertAdmin(actor);
  await db.transaction(async (tx) => {
    const [theme] = await tx.update(deskThemes).set({ active }).where(eq(deskThemes.slug, slug)).returning();
    if (!theme) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
    await recordAudit({ actorId: actor.id, action: active ? "counter.theme.activated" : "counter.theme.deactivated", entityType: "desk_theme", entityId: theme.id }, tx);
  });
}

/**
 * Removes a theme that was never used. A theme with tickets (today or earlier) or appointments
 * can only be deactivated: its tickets and appointments must keep pointing at it.
 */
export async function removeTheme(actor: CurrentUser, slug: string) {
  assertAdmin(actor);
  await db.transaction(async (tx) => {
    const [theme] = await tx.select().from(deskThemes).where(eq(deskThemes.slug, slug)).for("update");
    if (!theme) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
    const [{ today, ever }] = await tx.execute<{ today: number; ever: number }>(sql`
      select (select count(*)::int from tickets where theme_id = ${theme.id} and day = ${TODAY}) as today,
             (select count(*)::int from tickets where theme_id = ${theme.id}) + (select count(*)::int from appointments where theme_id = ${theme.id}) as ever`);
    if (today > 0) throw new DomainError("INVALID_STATE", "counteradmin:errors.themeHasTicketsToday");
    if (ever > 0) throw new DomainError("INVALID_STATE", "counteradmin:errors.themeHasHistory");
    // Desk plans may list the theme (an array, no foreign key): drop it there too.
    await tx.execute(sql`update desk_assignments set theme_ids = array_remove(theme_ids, ${theme.id}::uuid) where ${theme.id}::uuid = any(theme_ids)`);
    await tx.delete(deskThemes).where(eq(deskThemes.id, theme.id));
    await recordAudit({ actorId: actor.id, action: "counter.theme.removed", entityType: "desk_theme", entityId: theme.id, details: { slug, letter: theme.letter } }, tx);
  });
}

export async function listAllDesks(actor: CurrentUser) {
  assertAdmin(actor);
  return db.select().from(desks).orderBy(asc(desks.name));
}

/** Adds a desk or renames one; names are unique (the waiting-room screen shows them). */
export async function saveDesk(actor: CurrentUser, name: string, id?: string) {
  assertAdmin(actor);
  return db.transaction(async (tx) => {
    const [clash] = await tx.select({ id: desks.id }).from(desks).where(eq(desks.name, name));
    if (clash && clash.id !== id) throw new DomainError("CONFLICT", "counteradmin:errors.deskNameTaken");
    const [desk] = id ? await tx.update(desks).set({ name }).where(eq(desks.id, id)).returning() : await tx.insert(desks).values({ name }).returning();
    if (!desk) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
    await recordAudit({ actorId: actor.id, action: id ? "counter.desk.renamed" : "counter.desk.created", entityType: "desk", entityId: desk.id, details: { name } }, tx);
    return desk;
  });
}

export async function setDeskActive(actor: CurrentUser, id: string, active: boolean) {
  assertAdmin(actor);
  await db.transaction(async (tx) => {
    const [desk] = await tx.update(desks).set({ active }).where(eq(desks.id, id)).returning();
    if (!desk) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
    await recordAudit({ actorId: actor.id, action: active ? "counter.desk.activated" : "counter.desk.deactivated", entityType: "desk", entityId: id }, tx);
  });
}

/** Front-office staff an admin can put at a desk. */
export async function listAgents(actor: CurrentUser) {
  assertAdmin(actor);
  return (await activePeopleWithRole("frontoffice", db)).map((p) => ({ id: p.id, name: p.name }));
}

/** Who sits at which desk with which themes on a day (the day in Mechelen, "YYYY-MM-DD"). */
export async function assignmentsForDay(actor: CurrentUser, day: string) {
  assertAdmin(actor);
  return db
    .select({ deskId: desks.id, deskName: desks.name, userId: agentPerson.id, userName: agentPerson.name, themeIds: deskAssignments.themeIds })
    .from(deskAssignments)
    .innerJoin(desks, eq(desks.id, deskAssignments.deskId))
    .innerJoin(agentPerson, eq(agentPerson.id, deskAssignments.userId))
    .where(sql`${deskAssignments.day} = ${day}::date`)
    .orderBy(asc(desks.name));
}

export async function todayInMechelen() {
  const [row] = await db.execute<{ day: string }>(sql`select ${TODAY}::text as day`);
  return row.day;
}

/** An admin plans an agent at a desk for a day, the same way an agent takes a desk themselves. */
export async function assignDesk(actor: CurrentUser, input: { day: string; userId: string; deskId: string; themeIds: string[] }) {
  assertAdmin(actor);
  await db.transaction(async (tx) => {
    const [agent] = await activePeopleWithRole("frontoffice", tx, input.userId);
    if (!agent) throw new DomainError("VALIDATION", "counteradmin:errors.chooseAgent");
    const [desk] = await tx
      .select()
      .from(desks)
      .where(and(eq(desks.id, input.deskId), eq(desks.active, true)));
    if (!desk) throw new DomainError("VALIDATION", "counteradmin:errors.chooseDesk");
    const [{ n }] = await tx.execute<{ n: number }>(sql`
      select count(*)::int as n from desk_themes where active and id = any(${`{${input.themeIds.join(",")}}`}::uuid[])`);
    if (n !== input.themeIds.length) throw new DomainError("VALIDATION", "counteradmin:errors.chooseThemes");
    const [occupied] = await tx
      .select({ userId: deskAssignments.userId })
      .from(deskAssignments)
      .where(and(eq(deskAssignments.deskId, input.deskId), sql`${deskAssignments.day} = ${input.day}::date`));
    if (occupied && occupied.userId !== input.userId) throw new DomainError("CONFLICT", "counteradmin:errors.deskTaken");
    await seatAgent(tx, input);
    await recordAudit({ actorId: actor.id, action: "counter.desk.assigned", subjectUserId: input.userId, entityType: "desk", entityId: input.deskId, details: input }, tx);
  });
}

export async function clearAssignment(actor: CurrentUser, input: { day: string; deskId: string }) {
  assertAdmin(actor);
  await db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(deskAssignments)
      .where(and(eq(deskAssignments.deskId, input.deskId), sql`${deskAssignments.day} = ${input.day}::date`))
      .returning();
    if (!gone) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
    await recordAudit({ actorId: actor.id, action: "counter.desk.unassigned", subjectUserId: gone.userId, entityType: "desk", entityId: input.deskId, details: input }, tx);
  });
}
