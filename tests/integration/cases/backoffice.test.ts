import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, caseEvents, caseOverviewRuns, cases, caseTasks, outbox, teamMembers } from "../../../db/schema";
import { getMyCase, replyToCase } from "../../../app/modules/cases/dossiers.server";
import { sendDailyOverviews } from "../../../app/modules/cases/daily-overview.server";
import { filtersFromUrl, listQueue } from "../../../app/modules/cases/queue.server";
import {
  askResident,
  assignCase,
  claimCase,
  decideCase,
  extendDeadline,
  moveCase,
  openCaseAsStaff,
  pauseClock,
  requestFrontOfficeTask,
  resumeClock,
  sendTeamMessage,
} from "../../../app/modules/cases/staff.server";
import { completeTask, listDeskTasks } from "../../../app/modules/cases/tasks.server";
import { casesFiledBy } from "../../../app/modules/contacts/intake.server";
import { DomainError } from "../../../app/modules/platform/errors";
import { db } from "../../../app/utils/db.server";
import { runSeeds } from "../../../seeds/run";
import { asActor, fileCase } from "../../factories/cases";
import { ensureResident, ensureStaff, ensureTeam } from "../../factories/identity";

beforeAll(async () => {
  await runSeeds(db, { demo: false, production: false });
});

const DAY = 86_400_000;
const thrown = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e) => e as DomainError,
  );
const caseRow = async (reference: string) => (await db.select().from(cases).where(eq(cases.reference, reference)))[0];
const mailsTo = (to: string) => db.select().from(outbox).where(eq(outbox.toAddress, to)).orderBy(outbox.createdAt);

async function people(prefix: string) {
  const resident = await asActor((await ensureResident(db, { email: `${prefix}@example.com`, name: `Bewoner ${prefix}` })).id);
  const mobility = await asActor((await ensureStaff(db, { email: `${prefix}.mob@example.com`, name: `Mo ${prefix}`, roles: ["backoffice"], teamSlugs: ["mobiliteit"] })).id);
  const mobility2 = await asActor((await ensureStaff(db, { email: `${prefix}.mob2@example.com`, name: `Mia ${prefix}`, roles: ["backoffice"], teamSlugs: ["mobiliteit"] })).id);
  const welfare = await asActor((await ensureStaff(db, { email: `${prefix}.welzijn@example.com`, roles: ["backoffice"], teamSlugs: ["welzijn"] })).id);
  const front = await asActor((await ensureStaff(db, { email: `${prefix}.fo@example.com`, name: `Fien ${prefix}`, roles: ["frontoffice"], teamSlugs: ["burgerzaken"] })).id);
  const admin = await asActor((await ensureStaff(db, { email: `${prefix}.admin@example.com`, roles: ["admin"] })).id);
  return { resident, mobility, mobility2, welfare, front, admin };
}

describe("status changes", () => {
  it("refuses transitions the service's model does not allow, and decisions that are not end states", async () => {
    const { resident, mobility, front } = await people("illegal");
    const { reference } = await fileCase(resident, "bewonerskaart-parkeren");
    expect((await thrown(moveCase(mobility, reference, { to: "toegekend" })))?.code).toBe("INVALID_STATE");
    expect((await thrown(moveCase(mobility, reference, { to: "bestaat-niet" })))?.code).toBe("INVALID_STATE");
    expect((await thrown(decideCase(mobility, reference, { to: "in-behandeling", reason: "x" })))?.code).toBe("INVALID_STATE");
    // The front office follows cases but does not handle them.
    expect((await thrown(moveCase(front, reference, { to: "in-behandeling" })))?.code).toBe("FORBIDDEN");
    expect((await caseRow(reference)).status).toBe("ontvangen");

    await moveCase(mobility, reference, { to: "in-behandeling" });
    expect((await thrown(decideCase(mobility, reference, { to: "afgewezen", reason: "  " })))?.code).toBe("VALIDATION");
    await decideCase(mobility, reference, { to: "afgewezen", reason: "Uw adres ligt buiten de parkeerzone." });
    const c = await caseRow(reference);
    expect([c.status, c.result, c.closedAt !== null]).toEqual(["afgewezen", "afgewezen", true]);
    // Closed is closed.
    expect((await thrown(moveCase(mobility, reference, { to: "toegekend" })))?.code).toBe("INVALID_STATE");
    expect((await thrown(askResident(mobility, reference, "Nog iets?")))?.code).toBe("INVALID_STATE");
    // The resident reads the reason with the decision.
    const mine = await getMyCase(resident, reference);
    expect(mine.events.at(-1)).toMatchObject({ type: "status-changed", data: { to: "afgewezen", note: "Uw adres ligt buiten de parkeerzone." } });
  });

  it("writes every action as an event with its actor, internal or for the resident", async () => {
    const { resident, mobility, mobility2 } = await people("events");
    const { reference } = await fileCase(resident, "fietsenstalling-buurt");
    await claimCase(mobility, reference);
    await assignCase(mobility, reference, { assigneeId: mobility2.id, reason: "Mia kent deze straat." });
    await sendTeamMessage(mobility2, reference, "Alleen voor het team.", { internal: true });
    await sendTeamMessage(mobility2, reference, "We bekijken uw aanvraag.");
    const c = await caseRow(reference);
    const events = await db.select().from(caseEvents).where(eq(caseEvents.caseId, c.id)).orderBy(caseEvents.id);
    expect(events.slice(2).map((e) => [e.type, e.visibility, e.actorId])).toEqual([
      ["assigned", "internal", mobility.id],
      ["assigned", "internal", mobility.id],
      ["note", "internal", mobility2.id],
      ["message", "resident", mobility2.id],
    ]);
    expect(events[3].data).toMatchObject({ to: mobility2.id, reason: "Mia kent deze straat." });
    expect(c.assigneeId).toBe(mobility2.id);
    // Only colleagues of the team can be assigned; another team takes it unassigned.
    expect((await thrown(assignCase(mobility, reference, { assigneeId: resident.id, reason: "x" })))?.code).toBe("VALIDATION");
    expect((await thrown(assignCase(mobility, reference, { assigneeId: mobility.id, reason: "" })))?.code).toBe("VALIDATION");
    const welzijn = await ensureTeam(db, { slug: "welzijn", name: "Welzijn" });
    await assignCase(mobility2, reference, { teamId: welzijn.id, reason: "Hoort bij welzijn." });
    const moved = await caseRow(reference);
    expect([moved.teamId, moved.assigneeId]).toEqual([welzijn.id, null]);
    expect((await thrown(openCaseAsStaff(mobility, reference)))?.code).toBe("FORBIDDEN");
    // The resident sees nothing of the internal work.
    expect((await getMyCase(resident, reference)).events.map((e) => e.type)).toEqual(["submitted", "message"]);
  });
});

describe("deadlines", () => {
  it("pauses and resumes the clock, moving the due date by the whole days it stood still", async () => {
    const { resident, mobility } = await people("clock");
    const { reference } = await fileCase(resident, "bewonerskaart-parkeren");
    const before = (await caseRow(reference)).dueAt;
    await pauseClock(mobility, reference, { reason: "Bewoner brengt het attest naar het loket." });
    expect((await thrown(pauseClock(mobility, reference, { reason: "nog eens" })))?.code).toBe("INVALID_STATE");
    // The clock stood still for three days and five hours.
    const pausedFor = 3 * DAY + 5 * 3_600_000;
    const since = new Date(Date.now() - pausedFor);
    await db.update(cases).set({ waitingSince: since }).where(eq(cases.reference, reference));
    const { dueAt } = await resumeClock(mobility, reference, {}, new Date(since.getTime() + pausedFor));
    expect(dueAt.getTime() - before.getTime()).toBe(pausedFor);
    const after = await caseRow(reference);
    expect([after.waitingSince, after.dueAt.getTime()]).toEqual([null, before.getTime() + pausedFor]);
    expect((await thrown(resumeClock(mobility, reference)))?.code).toBe("INVALID_STATE");
  });

  it("moves the due date by the wait when the resident answers a question across days", async () => {
    const { resident, mobility } = await people("askclock");
    const { reference } = await fileCase(resident, "bewonerskaart-parkeren");
    const before = (await caseRow(reference)).dueAt;
    await askResident(mobility, reference, "Stuur een kopie van uw inschrijvingsbewijs.");
    await db.execute(sql`update cases set waiting_since = waiting_since - interval '2 days' where reference = ${reference}`);
    // Two days later the queue does not count it as late: the clock was standing still.
    await replyToCase(resident, reference, "Hier is het.", []);
    const moved = (await caseRow(reference)).dueAt.getTime() - before.getTime();
    expect(moved).toBeGreaterThanOrEqual(2 * DAY);
    expect(moved).toBeLessThan(2 * DAY + 60_000);
  });

  it("does not show an answered question again when the clock is stopped by hand later", async () => {
    const { resident, mobility } = await people("handpause");
    const { reference } = await fileCase(resident, "bewonerskaart-parkeren");
    await askResident(mobility, reference, "Welk kenteken?");
    await replyToCase(resident, reference, "1-ABC-123", []);
    await pauseClock(mobility, reference, { reason: "Bewoner brengt het attest langs." });
    const mine = await getMyCase(resident, reference);
    expect(mine.openQuestion).toBeNull();
    // The pause is internal: the resident sees no new step.
    expect(mine.events.map((e) => e.type)).toEqual(["submitted", "info-requested", "info-provided"]);
  });

  it("extends the deadline with a reason the resident reads, and tells them the new date", async () => {
    const { resident, mobility } = await people("extend");
    const { reference } = await fileCase(resident, "bewonerskaart-parkeren");
    const c = await caseRow(reference);
    expect((await thrown(extendDeadline(mobility, reference, { dueAt: new Date(c.dueAt.getTime() - DAY), reason: "x" })))?.code).toBe("VALIDATION");
    expect((await thrown(extendDeadline(mobility, reference, { dueAt: new Date(c.dueAt.getTime() + DAY), reason: "" })))?.code).toBe("VALIDATION");
    const newDue = new Date("2027-03-15T11:00:00Z");
    await extendDeadline(mobility, reference, { dueAt: newDue, reason: "We wachten op advies van de politie." });
    expect((await caseRow(reference)).dueAt.toISOString()).toBe(newDue.toISOString());
    const mine = await getMyCase(resident, reference);
    expect(mine.expectedBy?.toISOString()).toBe(newDue.toISOString());
    expect(mine.events.at(-1)).toMatchObject({ type: "deadline-extended", data: { note: "We wachten op advies van de politie." } });
    const mail = (await mailsTo("extend@example.com")).at(-1)!;
    expect(mail.template).toBe("case-extended");
    expect(mail.text).toContain("15 maart 2027");
    expect(mail.text).toContain(reference);
  });

  it("sends team leads one daily overview of overdue and due-tomorrow cases, once a day across processes", async () => {
    const { resident } = await people("overview");
    const team = await ensureTeam(db, { slug: "overzicht-test", name: "Overzicht-test" });
    const lead = await ensureStaff(db, { email: "lead.overview@example.com", name: "Lea Lead", roles: ["backoffice"] });
    const member = await ensureStaff(db, { email: "member.overview@example.com", roles: ["backoffice"] });
    await db.insert(teamMembers).values([
      { teamId: team.id, userId: lead.id, isLead: true },
      { teamId: team.id, userId: member.id, isLead: false },
    ]);
    const now = new Date();
    const file = async (dueAt: Date, extra: Partial<typeof cases.$inferInsert> = {}) => {
      const { reference } = await fileCase(resident, "vraag-aan-de-stad");
      await db
        .update(cases)
        .set({ teamId: team.id, dueAt, ...extra })
        .where(eq(cases.reference, reference));
      return reference;
    };
    const late = await file(new Date(now.getTime() - 2 * DAY));
    const tomorrow = await file(new Date(now.getTime() + DAY));
    const nextWeek = await file(new Date(now.getTime() + 7 * DAY));
    const closedLate = await file(new Date(now.getTime() - 2 * DAY), { closedAt: now, status: "beantwoord" });
    // Paused before its due date: not late while the city waits for the resident.
    const pausedInTime = await file(new Date(now.getTime() - DAY), { waitingSince: new Date(now.getTime() - 3 * DAY) });

    // Before 07:00 in Brussels nothing happens.
    expect((await sendDailyOverviews(new Date("2026-01-15T05:30:00Z"))).reason).toBe("too-early");
    const [a, b] = await Promise.all([sendDailyOverviews(now, { fromHour: 0 }), sendDailyOverviews(now, { fromHour: 0 })]);
    expect([a.sent, b.sent].sort()).toEqual([false, true]);
    expect((await sendDailyOverviews(now, { fromHour: 0 })).reason).toBe("already-sent");

    const mails = await mailsTo("lead.overview@example.com");
    expect(mails).toHaveLength(1);
    expect(mails[0].template).toBe("case-daily-overview");
    expect(mails[0].subject).toContain("Overzicht-test");
    const [overdueText, tomorrowText] = mails[0].text.split(/\n\n(?=Morgen)/);
    expect(overdueText).toContain(late);
    expect(tomorrowText).toContain(tomorrow);
    for (const ref of [nextWeek, closedLate, pausedInTime]) expect(mails[0].text).not.toContain(ref);
    expect(await mailsTo("member.overview@example.com")).toHaveLength(0);
    expect((await db.select().from(caseOverviewRuns)).length).toBe(1);
  });
});

describe("no lost work", () => {
  it("refuses a change built on an old version, and applies it once the agent saw the new state", async () => {
    const { resident, mobility, mobility2 } = await people("conflict");
    const { reference } = await fileCase(resident, "bewonerskaart-parkeren");
    const seenByBoth = (await openCaseAsStaff(mobility, reference)).case.version;
    await moveCase(mobility, reference, { to: "in-behandeling", version: seenByBoth });
    const stale = await thrown(decideCase(mobility2, reference, { to: "afgewezen", reason: "Buiten de zone.", version: seenByBoth }));
    expect(stale?.code).toBe("CONFLICT");
    expect(stale?.messageKey).toBe("backoffice:errors.conflict");
    expect((await caseRow(reference)).status).toBe("in-behandeling");
    const fresh = (await openCaseAsStaff(mobility2, reference)).case.version;
    expect(fresh).toBe(seenByBoth + 1);
    await decideCase(mobility2, reference, { to: "afgewezen", reason: "Buiten de zone.", version: fresh });
    expect((await caseRow(reference)).status).toBe("afgewezen");
  });

  it("lets exactly one of two simultaneous changes on the same version through", async () => {
    const { resident, mobility, mobility2 } = await people("race");
    const { reference } = await fileCase(resident, "bewonerskaart-parkeren");
    const v = (await caseRow(reference)).version;
    const results = await Promise.all([
      moveCase(mobility, reference, { to: "in-behandeling", version: v }).then(
        () => "ok",
        (e: DomainError) => e.code,
      ),
      claimCase(mobility2, reference, { version: v }).then(
        () => "ok",
        (e: DomainError) => e.code,
      ),
    ]);
    expect(results.sort()).toEqual(["CONFLICT", "ok"]);
    expect((await caseRow(reference)).version).toBe(v + 1);
  });

  it("makes a staff form stale when the resident answered in between", async () => {
    const { resident, mobility } = await people("resstale");
    const { reference } = await fileCase(resident, "bewonerskaart-parkeren");
    await askResident(mobility, reference, "Welk kenteken?");
    const v = (await caseRow(reference)).version;
    await replyToCase(resident, reference, "1-ABC-123", []);
    expect((await thrown(resumeClock(mobility, reference, { version: v })))?.code).toBe("CONFLICT");
  });
});

describe("permissions and the work queue", () => {
  it("shows back-office agents their own teams' queue only; admins any team", async () => {
    const { resident, mobility, welfare, admin } = await people("iso");
    const { reference } = await fileCase(resident, "bewonerskaart-parkeren");
    const mobTeam = (await caseRow(reference)).teamId!;
    expect((await thrown(openCaseAsStaff(welfare, reference)))?.code).toBe("FORBIDDEN");
    expect((await thrown(listQueue(welfare, filtersFromUrl(new URL(`http://x/?team=${mobTeam}`)))))?.code).toBe("FORBIDDEN");
    const welfareQueue = await listQueue(welfare, filtersFromUrl(new URL("http://x/")));
    expect(welfareQueue.items.map((i) => i.reference)).not.toContain(reference);
    expect((await listQueue(mobility, filtersFromUrl(new URL("http://x/")))).items.map((i) => i.reference)).toContain(reference);
    expect((await listQueue(admin, filtersFromUrl(new URL(`http://x/?team=${mobTeam}`)))).items.map((i) => i.reference)).toContain(reference);
    await openCaseAsStaff(admin, reference);
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectUserId, resident.id), eq(auditLog.action, "case.opened")));
    expect(audits.map((a) => a.actorId)).toEqual([admin.id]);
  });

  it("filters a team's queue, sorts by due date and counts per filter", async () => {
    const team = await ensureTeam(db, { slug: "queue-test", name: "Queue-test" });
    const agent = await asActor((await ensureStaff(db, { email: "queue.agent@example.com", roles: ["backoffice"], teamSlugs: ["queue-test"] })).id);
    const resident = await asActor((await ensureResident(db, { email: "queue.res@example.com" })).id);
    const now = Date.now();
    const refs: string[] = [];
    for (let i = 0; i < 30; i++) {
      const { reference } = await fileCase(resident, "vraag-aan-de-stad");
      refs.push(reference);
      await db
        .update(cases)
        .set({
          teamId: team.id,
          // i = 0..4 overdue, the rest later; every third by phone; 6 and 7 wait for the resident.
          dueAt: new Date(now + (i - 5) * DAY + DAY / 2),
          channel: i % 3 === 0 ? "phone" : "web",
          waitingSince: i === 6 || i === 7 ? new Date(now) : null,
          assigneeId: i >= 20 ? agent.id : null,
          status: i >= 25 ? "in-behandeling" : "ontvangen",
        })
        .where(eq(cases.reference, reference));
    }
    const q = (qs: string) => listQueue(agent, filtersFromUrl(new URL(`http://x/?${qs}`)));
    const all = await q("");
    expect(all.counts).toMatchObject({
      open: 30,
      overdue: 5,
      mine: 10,
      unassigned: 20,
      waiting: 2,
      byChannel: { phone: 10, web: 20 },
      byStatus: { ontvangen: 25, "in-behandeling": 5 },
    });
    expect(all.items.map((i) => i.reference)).toEqual(refs.slice(0, 25));
    expect(all.hasNext).toBe(true);
    expect((await q("page=2")).items.map((i) => i.reference)).toEqual(refs.slice(25));
    expect((await q("due=overdue")).items.map((i) => i.reference)).toEqual(refs.slice(0, 5));
    expect((await q("due=overdue")).items.every((i) => i.overdue)).toBe(true);
    expect((await q("assigned=me&status=in-behandeling")).items.map((i) => i.reference)).toEqual(refs.slice(25));
    expect((await q("channel=phone&assigned=none")).items.map((i) => i.reference)).toEqual(refs.filter((_, i) => i % 3 === 0 && i < 20));
    expect((await q("waiting=yes")).items.map((i) => i.reference)).toEqual([refs[6], refs[7]]);
    expect((await q("due=week")).items.length).toBe(7);
    // A broken bookmark still opens the queue, without the broken part.
    expect((await q("due=gisteren&page=-3&channel=phone")).items.length).toBe(10);
  });
});

describe("front-office tasks", () => {
  it("tells the agent who filed a phone request when the back office asks something or decides", async () => {
    const { resident, mobility, front } = await people("fotask");
    const { reference } = await fileCase(front, "bewonerskaart-parkeren", { residentId: resident.id, channel: "phone" });
    const web = await fileCase(resident, "bewonerskaart-parkeren");
    await askResident(mobility, reference, "Welk kenteken heeft uw wagen?");
    await askResident(mobility, web.reference, "Welk kenteken heeft uw wagen?");
    let tasks = await listDeskTasks(front);
    expect(tasks.map((t) => [t.reference, t.kind, t.data.notice])).toEqual([[reference, "inform-resident", "question"]]);
    expect(tasks[0].dueAt).not.toBeNull();
    await replyToCase(resident, reference, "1-ABC-123", []);
    await moveCase(mobility, reference, { to: "in-behandeling" });
    await decideCase(mobility, reference, { to: "toegekend", reason: "U krijgt de kaart met de post." });
    tasks = await listDeskTasks(front);
    expect(tasks.map((t) => t.data.notice).sort()).toEqual(["decision", "question"]);
    // Another front-office agent does not get (or close) tasks named for a colleague.
    const other = await asActor((await ensureStaff(db, { email: "fotask.other@example.com", roles: ["frontoffice"] })).id);
    expect(await listDeskTasks(other)).toEqual([]);
    expect((await thrown(completeTask(other, tasks[0].id)))?.code).toBe("NOT_FOUND");
    await completeTask(front, tasks[0].id);
    expect((await listDeskTasks(front)).map((t) => t.id)).toEqual([tasks[1].id]);
    // The agent follows the cases they filed, and the back office cannot use the desk list.
    expect((await casesFiledBy(front)).map((c) => [c.reference, c.status])).toEqual([[reference, "toegekend"]]);
    expect((await thrown(listDeskTasks(mobility)))?.code).toBe("FORBIDDEN");
  });

  it("lets the back office ask the front office to call a resident, and turns notices for paper residents into tasks", async () => {
    const { mobility, front } = await people("fomanual");
    const paper = await asActor((await ensureResident(db, { email: "fomanual.paper@example.com", preferredChannel: "paper" })).id);
    const { reference } = await fileCase(paper, "fietsenstalling-buurt");
    await requestFrontOfficeTask(mobility, reference, { kind: "make-appointment", note: "Graag een afspraak voor een plaatsbezoek.", dueAt: new Date(Date.now() - DAY) });
    await extendDeadline(mobility, reference, { dueAt: new Date(Date.now() + 90 * DAY), reason: "Drukke periode." });
    const tasks = await listDeskTasks(front);
    const mine = tasks.filter((t) => t.reference === reference);
    // Overdue first.
    expect(mine.map((t) => t.kind)).toEqual(["make-appointment", "contact-resident", "contact-resident"]);
    expect(mine[0].note).toBe("Graag een afspraak voor een plaatsbezoek.");
    expect(mine.map((t) => t.data.notice)).toEqual([undefined, "received", "extended"]);
    expect(await mailsTo("fomanual.paper@example.com")).toHaveLength(0);
    const c = await caseRow(reference);
    const events = await db
      .select()
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, c.id), eq(caseEvents.type, "task-created")));
    expect(events.map((e) => [e.actorId, e.visibility])).toEqual([[mobility.id, "internal"]]);
    expect((await db.select().from(caseTasks).where(eq(caseTasks.caseId, c.id))).length).toBe(3);
  });
});
