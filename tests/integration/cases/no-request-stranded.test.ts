import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, cases, outbox, teamMembers, users } from "../../../db/schema";
import { getMyCase } from "../../../app/modules/cases/dossiers.server";
import { getServiceConfig, saveServiceConfig } from "../../../app/modules/cases/service-admin.server";
import { claimCase, decideCase, moveCase } from "../../../app/modules/cases/staff.server";
import { listUnassigned, mayViewUnassigned, workingHoursBefore } from "../../../app/modules/cases/unassigned.server";
import { savePhoneFromRequest } from "../../../app/modules/contacts/phone-offer.server";
import { openResidentFile } from "../../../app/modules/contacts/timeline.server";
import { getStaffMember, saveStaffMember } from "../../../app/modules/identity/staff.server";
import { DomainError } from "../../../app/modules/platform/errors";
import { db } from "../../../app/utils/db.server";
import { runSeeds } from "../../../seeds/run";
import { asActor, fileCase } from "../../factories/cases";
import { ensureResident, ensureStaff, ensureTeam } from "../../factories/identity";

beforeAll(async () => {
  await runSeeds(db, { demo: false, production: false });
});

const HOUR = 3_600_000;
const thrown = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e) => e as DomainError,
  );
const listed = async (actor: Awaited<ReturnType<typeof asActor>>, reference: string) => (await listUnassigned(actor)).items.find((i) => i.reference === reference);

describe("working hours", () => {
  it("counts only Monday to Friday, 08:00 to 17:00 in Mechelen", () => {
    // Monday 7 December 2026, 10:00 in Brussels (09:00 UTC): 2 hours today, 6 on Friday.
    expect(workingHoursBefore(new Date("2026-12-07T09:00:00Z"), 8).toISOString()).toBe("2026-12-04T10:00:00.000Z");
    // Wednesday 15:00 Brussels minus 3 working hours is 12:00 the same day.
    expect(workingHoursBefore(new Date("2026-12-09T14:00:00Z"), 3).toISOString()).toBe("2026-12-09T11:00:00.000Z");
  });
});

describe("no request stranded", () => {
  it("refuses to route a service to a team without active members", async () => {
    const admin = await asActor((await ensureStaff(db, { email: "strand.admin@example.com", roles: ["admin"] })).id);
    const config = await getServiceConfig(admin, "toegankelijkheid-melden");
    const facility = await ensureTeam(db, { slug: "facility", name: "Facility" });
    const input = { teamId: facility.id, normDays: config.normDays, statusModel: config.statusModel };
    const refused = await thrown(saveServiceConfig(admin, "toegankelijkheid-melden", input));
    expect([refused?.code, refused?.messageKey]).toEqual(["VALIDATION", "backoffice:errors.teamWithoutMembers"]);
    // An inactive member does not count either.
    const [gone] = await db
      .update(users)
      .set({ active: false })
      .where(eq(users.id, (await ensureStaff(db, { email: "strand.gone@example.com", roles: ["backoffice"], teamSlugs: ["facility"] })).id))
      .returning();
    expect(gone.active).toBe(false);
    expect((await thrown(saveServiceConfig(admin, "toegankelijkheid-melden", input)))?.messageKey).toBe("backoffice:errors.teamWithoutMembers");
    await ensureStaff(db, { email: "strand.facility@example.com", roles: ["backoffice"], teamSlugs: ["facility"] });
    await expect(saveServiceConfig(admin, "toegankelijkheid-melden", input)).resolves.toBeUndefined();
  });

  it("warns before a team loses its last active member, and saves once the admin confirms", async () => {
    const admin = await asActor((await ensureStaff(db, { email: "lastmember.admin@example.com", roles: ["admin"] })).id);
    const team = await ensureTeam(db, { slug: "lastmember-team", name: "Laatste lid" });
    const only = await ensureStaff(db, { email: "lastmember.only@example.com", roles: ["backoffice"], teamSlugs: ["lastmember-team"] });
    const member = await getStaffMember(admin, only.id);
    const input = { name: member.name, email: member.email!, roles: ["backoffice" as const], teamIds: [], active: true };
    const warned = await thrown(saveStaffMember(admin, input, only.id));
    expect([warned?.code, warned?.messageKey, warned?.details]).toEqual(["VALIDATION", "admin:errors.lastMember", { teams: ["Laatste lid"] }]);
    // Deactivating the last member is the same loss.
    expect((await thrown(saveStaffMember(admin, { ...input, teamIds: [team.id], active: false }, only.id)))?.messageKey).toBe("admin:errors.lastMember");
    // Keeping the team is no loss.
    await saveStaffMember(admin, { ...input, teamIds: [team.id] }, only.id);
    await saveStaffMember(admin, { ...input, confirmLastMember: true }, only.id);
    expect(await db.select().from(teamMembers).where(eq(teamMembers.userId, only.id))).toEqual([]);
  });

  it("lists cases in a team nobody works in, and cases nobody took after the working hours, for the front office and team leads", async () => {
    const resident = await asActor((await ensureResident(db, { email: "strand.res@example.com" })).id);
    const front = await asActor((await ensureStaff(db, { email: "strand.fo@example.com", roles: ["frontoffice"] })).id);
    const lead = await ensureStaff(db, { email: "strand.lead@example.com", roles: ["backoffice"], teamSlugs: ["mobiliteit"] });
    const mobility = await ensureTeam(db, { slug: "mobiliteit", name: "Mobiliteit" });
    await db
      .update(teamMembers)
      .set({ isLead: true })
      .where(and(eq(teamMembers.userId, lead.id), eq(teamMembers.teamId, mobility.id)));
    const leadActor = await asActor(lead.id);
    const colleague = await asActor((await ensureStaff(db, { email: "strand.bo@example.com", roles: ["backoffice"], teamSlugs: ["mobiliteit"] })).id);

    // Wonen en energie has nobody: the case shows at once.
    const empty = await fileCase(resident, "renovatiebegeleiding");
    expect(await listed(front, empty.reference)).toMatchObject({ reason: "noTeamMembers", teamName: "Wonen en energie" });

    // A fresh case in a staffed team is not there yet; after more than the working hours it is.
    const fresh = await fileCase(resident, "bewonerskaart-parkeren");
    expect(await listed(front, fresh.reference)).toBeUndefined();
    await db
      .update(cases)
      .set({ submittedAt: new Date(Date.now() - 7 * 24 * HOUR) })
      .where(eq(cases.reference, fresh.reference));
    expect(await listed(front, fresh.reference)).toMatchObject({ reason: "notTaken", teamName: "Mobiliteit" });
    // The lead sees their team's case, not other teams'.
    expect(await listed(leadActor, fresh.reference)).toMatchObject({ reason: "notTaken" });
    expect(await listed(leadActor, empty.reference)).toBeUndefined();
    // A colleague who is not the lead has no such list.
    expect(mayViewUnassigned(colleague)).toBe(false);
    expect((await thrown(listUnassigned(colleague)))?.code).toBe("FORBIDDEN");
    expect(mayViewUnassigned(front)).toBe(true);

    // Once someone takes it, it leaves the list.
    await claimCase(colleague, fresh.reference);
    expect(await listed(front, fresh.reference)).toBeUndefined();
  });
});

describe("decisions explained", () => {
  it("puts the decision and its reason in the mail and on the resident's case page", async () => {
    const resident = await asActor((await ensureResident(db, { email: "decision.res@example.com", name: "Dora Beslist" })).id);
    const mobility = await asActor((await ensureStaff(db, { email: "decision.mob@example.com", roles: ["backoffice"], teamSlugs: ["mobiliteit"] })).id);
    const { reference } = await fileCase(resident, "bewonerskaart-parkeren");
    await moveCase(mobility, reference, { to: "in-behandeling" });
    const reason = "Uw adres ligt buiten de parkeerzone <Nekkerspoel>.";
    await decideCase(mobility, reference, { to: "afgewezen", reason });
    const mails = await db.select().from(outbox).where(eq(outbox.toAddress, "decision.res@example.com")).orderBy(outbox.createdAt);
    const decision = mails.at(-1)!;
    expect(decision.subject).toBe(`De stad heeft beslist over uw aanvraag ${reference}`);
    expect(decision.text).toContain("Waarom:\nUw adres ligt buiten de parkeerzone <Nekkerspoel>.");
    const mine = await getMyCase(resident, reference);
    expect(mine.decisionReason).toBe(reason);
  });
});

describe("the 360° view", () => {
  it("offers the phone number from a request for the profile, and saves it with an audit row", async () => {
    const resident = await asActor((await ensureResident(db, { email: "phone.res@example.com" })).id);
    const front = await asActor((await ensureStaff(db, { email: "phone.fo@example.com", roles: ["frontoffice"] })).id);
    expect((await openResidentFile(front, resident.id)).offeredPhone).toBeNull();
    await fileCase(resident, "bewonerskaart-parkeren");
    const file = await openResidentFile(front, resident.id);
    expect([file.resident.phone, file.offeredPhone]).toEqual([null, "015 12 34 56"]);
    expect((await thrown(savePhoneFromRequest(front, resident.id, "0470 00 00 00")))?.code).toBe("VALIDATION");
    await savePhoneFromRequest(front, resident.id, "015 12 34 56");
    const after = await openResidentFile(front, resident.id);
    expect([after.resident.phone, after.offeredPhone]).toEqual(["015 12 34 56", null]);
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectUserId, resident.id), eq(auditLog.action, "resident.phone-saved-from-request")));
    expect(audit.map((a) => a.actorId)).toEqual([front.id]);
    expect((await thrown(savePhoneFromRequest(front, resident.id, "015 12 34 56")))?.code).toBe("CONFLICT");
  });
});
