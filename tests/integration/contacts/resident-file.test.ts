import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, cases, contactMomentArticles, contactMoments, outbox, tickets, users } from "../../../db/schema";
import { contactMomentInput } from "../../../app/modules/contacts/contact-moment-schema";
import { registerContactMoment } from "../../../app/modules/contacts/contact-moments.server";
import { createResidentRecord, casesFiledBy, fileOnBehalf } from "../../../app/modules/contacts/intake.server";
import { searchResidents } from "../../../app/modules/contacts/resident-search.server";
import { openResidentFile } from "../../../app/modules/contacts/timeline.server";
import { db } from "../../../app/utils/db.server";
import { runSeeds } from "../../../seeds/run";
import { asActor, fileCase, validPost } from "../../factories/cases";
import { appointmentAt, contactAt, ensureDeskTheme, ticketAt } from "../../factories/contacts";
import { ensureResident, ensureStaff } from "../../factories/identity";
import { definitionBySlug } from "../../../app/modules/cases/definitions.server";

beforeAll(async () => {
  await runSeeds(db, { demo: false, production: false });
});

const agent = async (email = "agent@example.com") => asActor((await ensureStaff(db, { email, roles: ["frontoffice"], name: "Fien Agent" })).id);
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

describe("finding a resident", () => {
  it("finds them by name, e-mail, phone in any notation, and case reference", async () => {
    const me = await agent();
    const jan = await ensureResident(db, { name: "Jan Verbeke", email: "jan.verbeke@example.com", phone: "+32 15 12 34 56" });
    await ensureResident(db, { name: "Janne Claes", email: "janne@example.com" });
    const { reference } = await fileCase(await asActor(jan.id), "vraag-aan-de-stad");

    const byName = await searchResidents(me, "verbeke jan");
    expect(byName.kind).toBe("name");
    expect(byName.results.map((r) => r.id)).toEqual([jan.id]);
    expect((await searchResidents(me, "jan")).results.map((r) => r.name)).toEqual(["Jan Verbeke", "Janne Claes"]);

    const byEmail = await searchResidents(me, "  JAN.Verbeke@example.com ");
    expect(byEmail.kind).toBe("email");
    expect(byEmail.results.map((r) => r.id)).toEqual([jan.id]);

    const byPhone = await searchResidents(me, "015/12.34.56");
    expect(byPhone.kind).toBe("phone");
    expect(byPhone.results.map((r) => r.id)).toEqual([jan.id]);

    const byCase = await searchResidents(me, reference.toLowerCase());
    expect(byCase.kind).toBe("reference");
    expect(byCase.results).toEqual([expect.objectContaining({ id: jan.id, matchedCase: reference })]);

    expect((await searchResidents(me, "Nobody Here")).results).toEqual([]);
    // Staff are people too, but not residents: they are not found.
    expect((await searchResidents(me, "Fien Agent")).results).toEqual([]);
  });

  it("refuses residents and back-office-only staff", async () => {
    const resident = await asActor((await ensureResident(db, { email: "nosy@example.com" })).id);
    const back = await asActor((await ensureStaff(db, { email: "back@example.com", roles: ["backoffice"] })).id);
    for (const actor of [resident, back]) {
      await expect(searchResidents(actor, "jan")).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(openResidentFile(actor, resident.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    const admin = await asActor((await ensureStaff(db, { email: "admin@example.com", roles: ["admin"] })).id);
    await expect(searchResidents(admin, "jan")).resolves.toHaveProperty("kind", "name");
  });
});

describe("the resident's file", () => {
  it("merges contact moments, cases, appointments and tickets newest first, in pages, and audits every opening", async () => {
    const me = await agent("timeline-agent@example.com");
    const person = await ensureResident(db, { name: "Tine Tijdlijn", email: "tine@example.com" });
    const other = await ensureResident(db, { name: "Ander", email: "ander@example.com" });
    const theme = await ensureDeskTheme(db);
    await contactAt(db, { residentId: person.id, at: minutesAgo(10), subject: "Telefoon over afval", staffId: me.id });
    const { reference } = await fileCase(me, "vraag-aan-de-stad", { residentId: person.id, channel: "phone" });
    await db
      .update(cases)
      .set({ submittedAt: minutesAgo(20) })
      .where(eq(cases.reference, reference));
    await appointmentAt(db, { themeId: theme.id, residentId: person.id, at: minutesAgo(30) });
    await ticketAt(db, { themeId: theme.id, residentId: person.id, at: minutesAgo(40) });
    await contactAt(db, { residentId: person.id, at: minutesAgo(50), subject: "Oudste contact" });
    // Someone else's history never shows.
    await contactAt(db, { residentId: other.id, at: minutesAgo(5), subject: "Niet van Tine" });
    await ticketAt(db, { themeId: theme.id, residentId: null, at: minutesAgo(6) });

    const file = await openResidentFile(me, person.id, 1);
    expect(file.resident.name).toBe("Tine Tijdlijn");
    expect(file.items.map((i) => i.kind)).toEqual(["contact", "case", "appointment", "ticket", "contact"]);
    expect(file.items[0]).toMatchObject({ title: "Telefoon over afval", channel: "phone", status: "answered", staffName: "Fien Agent" });
    expect(file.items[1]).toMatchObject({ ref: reference, channel: "phone", staffName: "Fien Agent" });
    expect(file.items[1].status).not.toBe("ontvangen"); // the text the resident reads, not the key
    expect(file.items[2].title).toBe("Testthema");
    expect(file.hasNext).toBe(false);

    // 30 more contacts: pages of 25, no item lost or repeated.
    for (let i = 0; i < 30; i++) await contactAt(db, { residentId: person.id, at: minutesAgo(100 + i), subject: `Extra ${i}` });
    const p1 = await openResidentFile(me, person.id, 1);
    const p2 = await openResidentFile(me, person.id, 2);
    expect(p1.items).toHaveLength(25);
    expect(p1.hasNext).toBe(true);
    expect(p2.items).toHaveLength(10);
    expect(p2.hasNext).toBe(false);
    const all = [...p1.items, ...p2.items];
    expect(new Set(all.map((i) => i.id)).size).toBe(35);
    const times = all.map((i) => new Date(i.at).getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectUserId, person.id), eq(auditLog.action, "resident.file.opened")));
    expect(audits).toHaveLength(3);
    expect(audits.every((a) => a.actorId === me.id)).toBe(true);
  });

  it("does not open a staff member's or an unknown person's file", async () => {
    const me = await agent("file-agent@example.com");
    await expect(openResidentFile(me, me.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(openResidentFile(me, "00000000-0000-0000-0000-000000000000")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("registering a contact moment", () => {
  it("refuses incomplete input with one message per field", () => {
    const r = contactMomentInput.safeParse({ channel: "fax", subject: " ", outcome: "", articles: ["../x"], caseReference: "123" });
    expect(r.success).toBe(false);
    const fields = new Set(r.error!.issues.map((i) => String(i.path[0])));
    expect(fields).toEqual(new Set(["channel", "subject", "outcome", "articles", "caseReference"]));
  });

  it("stores an anonymous contact with the Mikipedia article used", async () => {
    const me = await agent("anon-agent@example.com");
    const input = contactMomentInput.parse({
      channel: "counter",
      subject: "Openingsuren",
      summary: "Vraag beantwoord",
      outcome: "answered",
      articles: "bewonerskaart-parkeren",
      residentId: "",
    });
    const r = await registerContactMoment(me, input);
    expect(r).toMatchObject({ ok: true, residentId: null });
    const [row] = await db
      .select()
      .from(contactMoments)
      .where(eq(contactMoments.id, (r as { id: string }).id));
    expect(row).toMatchObject({ residentId: null, channel: "counter", outcome: "answered", staffId: me.id });
    expect(await db.select().from(contactMomentArticles).where(eq(contactMomentArticles.contactMomentId, row.id))).toHaveLength(1);
  });

  it("links the resident, their case and the visitor's ticket, and refuses someone else's case or an unknown article", async () => {
    const me = await agent("link-agent@example.com");
    const person = await ensureResident(db, { name: "Piet Loket", email: "piet@example.com" });
    const stranger = await ensureResident(db, { email: "stranger@example.com" });
    const theme = await ensureDeskTheme(db);
    const ticket = await ticketAt(db, { themeId: theme.id, residentId: null, at: new Date() });
    const mine = await fileCase(await asActor(person.id), "vraag-aan-de-stad");
    const theirs = await fileCase(await asActor(stranger.id), "vraag-aan-de-stad");

    const bad = await registerContactMoment(
      me,
      contactMomentInput.parse({ channel: "counter", subject: "x", outcome: "answered", articles: ["bestaat-niet"], residentId: person.id, caseReference: theirs.reference }),
    );
    expect(bad).toEqual({ ok: false, errors: { articles: "contacts:errors.article", caseReference: "contacts:errors.caseNotFound" } });

    const ok = await registerContactMoment(
      me,
      contactMomentInput.parse({
        channel: "counter",
        subject: "Parkeerkaart",
        outcome: "request_filed",
        articles: [],
        residentId: person.id,
        caseReference: mine.reference,
        ticketId: ticket.id,
      }),
    );
    expect(ok.ok).toBe(true);
    const [t] = await db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(t.residentId).toBe(person.id);
    const file = await openResidentFile(me, person.id);
    expect(file.items.map((i) => i.kind).sort()).toEqual(["case", "contact", "ticket"]);
  });
});

describe("intake on behalf of a resident", () => {
  it("files the same form for a resident, created by the agent, with the receipt mail in their language", async () => {
    const me = await agent("intake-agent@example.com");
    const john = await ensureResident(db, { name: "John Intake", email: "john.intake@example.com", preferredLanguage: "en" });
    const def = (await definitionBySlug("vraag-aan-de-stad"))!;
    const values = validPost(def.form.steps.flatMap((s) => s.fields));

    const refused = await fileOnBehalf(me, { residentId: john.id, slug: def.slug, channel: "phone", values: {}, uploads: [], idempotencyKey: "key-refused-1" });
    expect(refused.ok).toBe(false);

    const r = await fileOnBehalf(me, { residentId: john.id, slug: def.slug, channel: "phone", values, uploads: [], idempotencyKey: "key-intake-0001" });
    expect(r).toMatchObject({ ok: true, created: true, confirmation: "email" });
    const again = await fileOnBehalf(me, { residentId: john.id, slug: def.slug, channel: "phone", values, uploads: [], idempotencyKey: "key-intake-0001" });
    expect(again).toMatchObject({ ok: true, created: false });
    const stored = await db.select().from(cases).where(eq(cases.residentId, john.id));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ channel: "phone", createdById: me.id, residentId: john.id, status: "ontvangen" });
    const mails = await db.select().from(outbox).where(eq(outbox.toAddress, "john.intake@example.com"));
    expect(mails).toHaveLength(1);
    expect(mails[0].language).toBe("en");

    const filed = await casesFiledBy(me);
    expect(filed).toEqual([expect.objectContaining({ reference: stored[0].reference, residentName: "John Intake", channel: "phone" })]);
  });

  it("makes a resident record without login, refuses a taken address, and confirms on paper", async () => {
    const me = await agent("record-agent@example.com");
    await ensureResident(db, { email: "taken@example.com" });
    expect(await createResidentRecord(me, { name: "Iemand", email: "Taken@example.com", phone: "", preferredLanguage: "nl", preferredChannel: "email" })).toEqual({
      ok: false,
      errors: { email: "contacts:errors.emailTaken" },
    });
    const made = await createResidentRecord(me, { name: "Marie Papier", email: "", phone: "0470 12 34 56", preferredLanguage: "fr", preferredChannel: "paper" });
    expect(made.ok).toBe(true);
    const id = (made as { id: string }).id;
    const [row] = await db.select().from(users).where(eq(users.id, id));
    expect(row).toMatchObject({ roles: ["resident"], claimedAt: null, passwordHash: null, email: null, preferredChannel: "paper" });
    expect((await searchResidents(me, "+32 470 12 34 56")).results.map((r) => r.id)).toEqual([id]);

    const def = (await definitionBySlug("vraag-aan-de-stad"))!;
    const r = await fileOnBehalf(me, {
      residentId: id,
      slug: def.slug,
      channel: "counter",
      values: validPost(def.form.steps.flatMap((s) => s.fields)),
      uploads: [],
      idempotencyKey: "key-paper-0001",
    });
    expect(r).toMatchObject({ ok: true, confirmation: "paper" });
    const [c] = await db.select().from(cases).where(eq(cases.residentId, id));
    expect(c).toMatchObject({ channel: "counter", createdById: me.id });
  });
});
