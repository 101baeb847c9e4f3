import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, caseDefinitions, caseEvents, caseTasks, cases, outbox } from "../../../db/schema";
import { definitionBySlug, listRequestable } from "../../../app/modules/cases/definitions.server";
import { exportMyData, getMyCase, getMyFile, listMyCases, rateCase, replyToCase, withdrawCase } from "../../../app/modules/cases/dossiers.server";
import { askResident, moveCase, openCaseAsStaff, sendTeamMessage } from "../../../app/modules/cases/staff.server";
import { createCase } from "../../../app/modules/cases/requests.server";
import { DomainError } from "../../../app/modules/platform/errors";
import { db } from "../../../app/utils/db.server";
import { runSeeds } from "../../../seeds/run";
import { loadRequestDefinitions } from "../../../seeds/requests";
import { loadServiceRecords } from "../../../seeds/catalog";
import { asActor, fileCase, validAnswers } from "../../factories/cases";
import { ensureResident, ensureStaff } from "../../factories/identity";

beforeAll(async () => {
  await runSeeds(db, { demo: false, production: false });
});

const thrown = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e) => e as DomainError,
  );
const mailsTo = (to: string) => db.select().from(outbox).where(eq(outbox.toAddress, to)).orderBy(outbox.createdAt);

async function people(prefix: string) {
  const resident = await asActor((await ensureResident(db, { email: `${prefix}@example.com`, name: `Bewoner ${prefix}` })).id);
  const mobility = await asActor((await ensureStaff(db, { email: `${prefix}.mob@example.com`, roles: ["backoffice"], teamSlugs: ["mobiliteit"] })).id);
  const welfare = await asActor((await ensureStaff(db, { email: `${prefix}.welzijn@example.com`, roles: ["backoffice"], teamSlugs: ["welzijn"] })).id);
  return { resident, mobility, welfare };
}

describe("request definitions", () => {
  it("give at least 8 requestable services a form and a status model, with demo norms and no invented fees", async () => {
    const defs = loadRequestDefinitions();
    expect(defs.length).toBeGreaterThanOrEqual(8);
    const requestable = new Set(
      loadServiceRecords()
        .filter((s) => s.requestable)
        .map((s) => s.slug),
    );
    for (const d of defs) {
      expect(requestable.has(d.service), d.service).toBe(true);
      expect(d.statusModel.normIsDemo, d.service).toBe(true);
      expect(JSON.stringify(d).toLowerCase(), d.service).not.toMatch(/€|euro|\bkost\b|tarief/);
    }
    expect((await listRequestable()).map((d) => d.slug).sort()).toEqual(defs.map((d) => d.service).sort());
    // Seeding again adds nothing.
    await runSeeds(db, { demo: false, production: false });
    const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(caseDefinitions);
    expect(n).toBe(defs.length);
  });
});

describe("submitting a case", () => {
  it("gives readable per-year references without gaps or doubles, even under concurrency", async () => {
    const { resident } = await people("seq");
    const refs = await Promise.all(Array.from({ length: 12 }, () => fileCase(resident, "vraag-aan-de-stad")));
    const numbers = refs.map((r) => Number(r.reference.slice(-6))).sort((a, b) => a - b);
    expect(refs.every((r) => /^MEC-\d{4}-\d{6}$/.test(r.reference))).toBe(true);
    expect(new Set(numbers).size).toBe(12);
    expect(numbers[11] - numbers[0]).toBe(11);
  });

  it("makes one case from two concurrent submissions with one idempotency key", async () => {
    const { resident } = await people("idem");
    const def = (await definitionBySlug("bewonerskaart-parkeren"))!;
    const answers = await validAnswers("bewonerskaart-parkeren");
    const key = randomUUID();
    const submit = () => db.transaction((tx) => createCase(tx, { actor: resident, def, residentId: resident.id, channel: "web", answers, idempotencyKey: key }));
    const [a, b] = await Promise.all([submit(), submit()]);
    expect(a.reference).toBe(b.reference);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    const [{ n }] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(cases)
      .where(eq(cases.residentId, resident.id));
    expect(n).toBe(1);
    expect(await mailsTo("idem@example.com")).toHaveLength(1);
  });

  it("routes the case to the service's team with status 'ontvangen', a due date from the norm, and a receipt in the resident's language", async () => {
    const resident = await asActor((await ensureResident(db, { email: "john.route@example.com", preferredLanguage: "en" })).id);
    const { reference } = await fileCase(resident, "bewonerskaart-parkeren");
    const [c] = await db.select().from(cases).where(eq(cases.reference, reference));
    const def = (await definitionBySlug("bewonerskaart-parkeren"))!;
    expect(c.teamId).toBe(def.teamId);
    expect(c.status).toBe("ontvangen");
    expect(c.channel).toBe("web");
    expect(Math.round((c.dueAt.getTime() - c.submittedAt.getTime()) / 86_400_000)).toBe(def.statusModel.normDays);
    const [mail] = await mailsTo("john.route@example.com");
    expect(mail.language).toBe("en");
    expect(mail.subject).toBe(`Your request ${reference} has been received`);
    expect(mail.text).toContain(`/mijn/dossiers/${reference}`);
    const events = await db.select().from(caseEvents).where(eq(caseEvents.caseId, c.id));
    expect(events.map((e) => [e.type, e.visibility])).toEqual([
      ["submitted", "resident"],
      ["routed", "internal"],
    ]);
  });

  it("lets staff file a case at the counter for a resident: same case, channel and creator kept", async () => {
    const { resident } = await people("counter");
    const fo = await asActor((await ensureStaff(db, { email: "counter.fo@example.com", roles: ["frontoffice"], teamSlugs: ["burgerzaken"] })).id);
    const { reference } = await fileCase(fo, "attest-of-kopie", { residentId: resident.id, channel: "counter" });
    const [c] = await db.select().from(cases).where(eq(cases.reference, reference));
    expect([c.residentId, c.createdById, c.channel]).toEqual([resident.id, fo.id, "counter"]);
    expect((await listMyCases(resident)).map((x) => x.reference)).toEqual([reference]);
  });
});

describe("the status model", () => {
  it("lets the team's back office move a case only along allowed transitions, and tells the resident when the model says so", async () => {
    const { resident, mobility, welfare } = await people("flow");
    const { reference } = await fileCase(resident, "bewonerskaart-parkeren");
    // Another team's back office may not touch it.
    expect((await thrown(moveCase(welfare, reference, { to: "in-behandeling" })))?.code).toBe("FORBIDDEN");
    // Skipping a step is refused.
    expect((await thrown(moveCase(mobility, reference, { to: "toegekend" })))?.code).toBe("INVALID_STATE");
    // "in-behandeling" tells the resident.
    await moveCase(mobility, reference, { to: "in-behandeling", subStatus: "wacht-op-advies" });
    expect((await thrown(moveCase(mobility, reference, { to: "in-behandeling", subStatus: "bestaat-niet" })))?.code).toBe("VALIDATION");
    const mails = await mailsTo("flow@example.com");
    expect(mails.map((m) => m.template)).toEqual(["case-received", "case-status"]);
    expect(mails[1].text).toContain("Een medewerker werkt aan uw aanvraag.");
    await moveCase(mobility, reference, { to: "toegekend", note: "U krijgt de kaart met de post." });
    const [c] = await db.select().from(cases).where(eq(cases.reference, reference));
    expect([c.status, c.result, c.closedAt !== null]).toEqual(["toegekend", "toegekend", true]);
    expect((await thrown(moveCase(mobility, reference, { to: "afgewezen" })))?.code).toBe("INVALID_STATE");
    // The resident sees the steps, never the internal sub-status or routing.
    const mine = await getMyCase(resident, reference);
    expect(mine.events.map((e) => e.type)).toEqual(["submitted", "status-changed", "status-changed"]);
    expect(JSON.stringify(mine.events)).not.toContain("wacht-op-advies");
    expect(mine.expectedBy).toBeNull();
  });

  it("pauses the clock while waiting for the resident: 'Actie nodig', then the expected date moves by the wait", async () => {
    const { resident, welfare } = await people("pause");
    const { reference } = await fileCase(resident, "burenbemiddeling");
    const before = (await getMyCase(resident, reference)).expectedBy!;
    await askResident(welfare, reference, "Welk huisnummer hebben uw buren?");
    // Pretend the city asked three days ago.
    const threeDays = 3 * 86_400_000;
    await db.execute(sql`update cases set waiting_since = waiting_since - interval '3 days' where reference = ${reference}`);
    const waiting = await getMyCase(resident, reference);
    expect(waiting.openQuestion?.body).toBe("Welk huisnummer hebben uw buren?");
    expect((await listMyCases(resident))[0].actionNeeded).toBe(true);
    expect(waiting.expectedBy!.getTime() - before.getTime()).toBeGreaterThanOrEqual(threeDays);
    expect((await mailsTo("pause@example.com")).map((m) => m.template)).toContain("case-question");

    const r = await replyToCase(resident, reference, "Nummer 12.", []);
    expect(r.answered).toBe(true);
    const after = await getMyCase(resident, reference);
    expect(after.openQuestion).toBeNull();
    expect(after.expectedBy!.getTime() - before.getTime()).toBeGreaterThanOrEqual(threeDays);
    expect(after.expectedBy!.getTime() - before.getTime()).toBeLessThan(threeDays + 60_000);
    expect(after.messages.map((m) => [m.fromStaff, m.kind])).toEqual([
      [true, "question"],
      [false, "answer"],
    ]);
    expect(after.events.map((e) => e.type)).toEqual(["submitted", "info-requested", "info-provided"]);
  });

  it("gives a resident who prefers paper or phone a front-office task instead of e-mail", async () => {
    const paper = await asActor((await ensureResident(db, { email: "paper@example.com", preferredChannel: "paper" })).id);
    const { welfare } = await people("paperstaff");
    const { reference } = await fileCase(paper, "budgetbegeleiding");
    await sendTeamMessage(welfare, reference, "We bellen u morgen.");
    expect(await mailsTo("paper@example.com")).toHaveLength(0);
    const [c] = await db.select().from(cases).where(eq(cases.reference, reference));
    const tasks = await db.select().from(caseTasks).where(eq(caseTasks.caseId, c.id));
    expect(tasks.map((t) => [t.kind, t.data.notice])).toEqual([
      ["contact-resident", "received"],
      ["contact-resident", "message"],
    ]);
  });

  it("keeps the event log append-only", async () => {
    const { resident } = await people("append");
    const { reference } = await fileCase(resident, "vraag-aan-de-stad");
    const [c] = await db.select().from(cases).where(eq(cases.reference, reference));
    const why = (p: Promise<unknown>) =>
      p.then(
        () => "allowed",
        (e: Error & { cause?: Error }) => String(e.cause?.message ?? e.message),
      );
    expect(await why(db.execute(sql`update case_events set type = 'x' where case_id = ${c.id}`))).toMatch(/append-only/);
    expect(await why(db.execute(sql`delete from case_events where case_id = ${c.id}`))).toMatch(/append-only/);
  });

  it("writes an audit row the resident sees when staff open their case", async () => {
    const { resident, mobility } = await people("audit");
    const { reference } = await fileCase(resident, "fietsenstalling-buurt");
    const opened = await openCaseAsStaff(mobility, reference);
    expect(opened.nextStatuses.map((s) => s.key)).toEqual(["in-behandeling", "ingetrokken"]);
    const rows = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectUserId, resident.id), eq(auditLog.action, "case.opened")));
    expect(rows.map((r) => [r.actorId, r.entityId])).toEqual([[mobility.id, reference]]);
  });
});

describe("what the resident can do", () => {
  it("withdraws while the status allows it, not after closing", async () => {
    const { resident, mobility } = await people("withdraw");
    const { reference } = await fileCase(resident, "bewonerskaart-parkeren");
    expect((await getMyCase(resident, reference)).canWithdraw).toBe(true);
    await withdrawCase(resident, reference);
    const c = await getMyCase(resident, reference);
    expect([c.status, c.result, c.open, c.canWithdraw, c.canRate]).toEqual(["ingetrokken", "ingetrokken", false, false, false]);
    expect((await thrown(withdrawCase(resident, reference)))?.code).toBe("INVALID_STATE");
    const second = await fileCase(resident, "bewonerskaart-parkeren");
    await moveCase(mobility, second.reference, { to: "in-behandeling" });
    await moveCase(mobility, second.reference, { to: "afgewezen" });
    expect((await thrown(withdrawCase(resident, second.reference)))?.code).toBe("INVALID_STATE");
  });

  it("rates a closed case once, from 1 to 5 with an optional comment", async () => {
    const { resident, mobility } = await people("rate");
    const { reference } = await fileCase(resident, "fietsenstalling-buurt");
    expect((await thrown(rateCase(resident, reference, 4, undefined)))?.code).toBe("INVALID_STATE");
    await moveCase(mobility, reference, { to: "in-behandeling" });
    await moveCase(mobility, reference, { to: "beantwoord" });
    expect((await getMyCase(resident, reference)).canRate).toBe(true);
    await rateCase(resident, reference, 4, "Snel geholpen.");
    expect((await getMyCase(resident, reference)).satisfaction).toEqual({ score: 4, comment: "Snel geholpen." });
    expect((await thrown(rateCase(resident, reference, 5, undefined)))?.code).toBe("INVALID_STATE");
  });

  it("lists open cases first, then closed ones, newest change first", async () => {
    const { resident, mobility } = await people("order");
    const a = await fileCase(resident, "fietsenstalling-buurt");
    const b = await fileCase(resident, "vraag-aan-de-stad");
    await moveCase(mobility, a.reference, { to: "in-behandeling" });
    await moveCase(mobility, a.reference, { to: "beantwoord" });
    const c = await fileCase(resident, "attest-of-kopie");
    const list = await listMyCases(resident);
    expect(list.map((x) => x.reference)).toEqual([c.reference, b.reference, a.reference]);
    expect(list[2].expectedBy).toBeNull();
    expect(list[0].statusText?.nl).toMatch(/ontvangen/);
  });
});

describe("privacy", () => {
  it("never shows one resident another resident's case, by reference or by file id", async () => {
    const { resident: owner } = await people("owner");
    const { resident: other } = await people("other");
    const { reference } = await fileCase(owner, "vraag-aan-de-stad");
    const r = await replyToCase(owner, reference, "Met een bijlage.", [
      { field: "files", filename: "brief.pdf", bytes: Buffer.from("%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"), contentType: "application/pdf" },
    ]);
    expect(r.files).toHaveLength(1);
    expect((await getMyFile(owner, r.files[0].id)).contentType).toBe("application/pdf");
    const attempts = [
      () => getMyCase(other, reference),
      () => withdrawCase(other, reference),
      () => replyToCase(other, reference, "x", []),
      () => rateCase(other, reference, 1, undefined),
      () => getMyFile(other, r.files[0].id),
      () => getMyFile(other, randomUUID()),
      () => getMyCase(other, "MEC-2026-999999"),
      () => getMyCase(other, "' or 1=1 --"),
    ];
    for (const attempt of attempts) expect((await thrown(attempt()))?.code).toBe("NOT_FOUND");
    expect(await listMyCases(other)).toEqual([]);
    expect((await exportMyData(other)).cases).toEqual([]);
  });

  it("exports all of the resident's data, with the resident-visible history only", async () => {
    const { resident, welfare } = await people("export");
    const { reference } = await fileCase(resident, "burenbemiddeling");
    await sendTeamMessage(welfare, reference, "Interne notitie: niet voor de bewoner.", { internal: true });
    await sendTeamMessage(welfare, reference, "We nemen contact op.");
    await openCaseAsStaff(welfare, reference);
    const data = await exportMyData(resident);
    expect(data.person?.email).toBe("export@example.com");
    expect(data.cases.map((c) => c.reference)).toEqual([reference]);
    expect(data.cases[0].messages.map((m) => m.body)).toEqual(["We nemen contact op."]);
    expect(JSON.stringify(data)).not.toContain("Interne notitie");
    expect(JSON.stringify(data)).not.toContain('"routed"');
    expect(data.staffAccess.map((a) => a.action)).toContain("case.opened");
  });
});
