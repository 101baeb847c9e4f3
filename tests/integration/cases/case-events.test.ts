import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { caseEvents, cases } from "../../../db/schema";
import { getMyCase, rateCase } from "../../../app/modules/cases/dossiers.server";
import { caseEventsOf } from "../../../app/modules/cases/events.server";
import { claimCase, decideCase, moveCase, openCaseAsStaff, requestFrontOfficeTask, sendTeamMessage } from "../../../app/modules/cases/staff.server";
import { db } from "../../../app/utils/db.server";
import { runSeeds } from "../../../seeds/run";
import { asActor, fileCase } from "../../factories/cases";
import { ensureResident, ensureStaff } from "../../factories/identity";

beforeAll(async () => {
  await runSeeds(db, { demo: false, production: false });
});

describe("case events read back typed", () => {
  it("gives every writer's event back with its typed data, in order, and each reader only what it may see", async () => {
    const resident = await asActor((await ensureResident(db, { email: "typed.events@example.com", name: "Bewoner Typed" })).id);
    const agent = await asActor((await ensureStaff(db, { email: "typed.events.mob@example.com", name: "Mo Typed", roles: ["backoffice"], teamSlugs: ["mobiliteit"] })).id);
    const { reference } = await fileCase(resident, "bewonerskaart-parkeren");
    await claimCase(agent, reference);
    await moveCase(agent, reference, { to: "in-behandeling" });
    await sendTeamMessage(agent, reference, "Alleen voor het team.", { internal: true });
    await requestFrontOfficeTask(agent, reference, { kind: "call-resident", note: "Even bellen" });
    await decideCase(agent, reference, { to: "toegekend", reason: "Alles is in orde." });
    await rateCase(resident, reference, 5, undefined);

    const [c] = await db.select({ id: cases.id }).from(cases).where(eq(cases.reference, reference));
    const all = await caseEventsOf(db, c.id);
    expect(all.map((e) => e.type)).toEqual(["submitted", "routed", "assigned", "status-changed", "note", "task-created", "status-changed", "rated"]);
    expect(all.map((e) => e.visibility)).toEqual(["resident", "internal", "internal", "resident", "internal", "internal", "resident", "resident"]);

    // Narrowed by type: no cast, the data has its type's fields.
    const decision = all.filter((e) => e.type === "status-changed").at(-1)!;
    if (decision.type !== "status-changed") throw new Error("not a status change");
    expect(decision.data).toEqual({ from: "in-behandeling", to: "toegekend", result: "toegekend", note: "Alles is in orde." });
    const submitted = all[0];
    if (submitted.type !== "submitted") throw new Error("not a submission");
    expect(submitted.data).toEqual({ channel: "web", status: "ontvangen" });
    const task = all.find((e) => e.type === "task-created");
    expect(task?.type === "task-created" && task.data.kind).toBe("call-resident");
    const claim = all.find((e) => e.type === "assigned");
    expect(claim?.type === "assigned" && claim.data).toEqual({ from: null, to: agent.id, claimed: true });

    // The resident reads only their events; the staff page all of them, with the actor's name.
    expect((await caseEventsOf(db, c.id, { residentOnly: true })).map((e) => e.type)).toEqual(["submitted", "status-changed", "status-changed", "rated"]);
    const staff = await openCaseAsStaff(agent, reference);
    expect(staff.events.map((e) => e.type)).toEqual(all.map((e) => e.type));
    expect(staff.events.find((e) => e.type === "note")?.actorName).toBe("Mo Typed");
    const mine = await getMyCase(resident, reference);
    expect(mine.decisionReason).toBe("Alles is in orde.");
    expect(mine.events.find((e) => e.type === "status-changed" && e.data.to === "toegekend")?.note).toBe("Alles is in orde.");
  });

  it("returns a row no type describes as a legacy event with its stored type, on both pages", async () => {
    const resident = await asActor((await ensureResident(db, { email: "legacy.events@example.com" })).id);
    const agent = await asActor((await ensureStaff(db, { email: "legacy.events.mob@example.com", roles: ["backoffice"], teamSlugs: ["mobiliteit"] })).id);
    const { reference } = await fileCase(resident, "bewonerskaart-parkeren");
    const [c] = await db.select({ id: cases.id }).from(cases).where(eq(cases.reference, reference));
    // Rows as an older version (or a hand-made fix) could have left them: an unknown type, a type with other data.
    await db.insert(caseEvents).values([
      { caseId: c.id, type: "escalated", visibility: "resident", data: { note: "Doorgestuurd naar de dienst." } },
      { caseId: c.id, type: "status-changed", visibility: "resident", data: { to: "in-behandeling", volume: true } },
    ]);

    const events = await caseEventsOf(db, c.id);
    expect(events.slice(-2).map((e) => (e.type === "legacy" ? ["legacy", e.storedType] : [e.type]))).toEqual([
      ["legacy", "escalated"],
      ["legacy", "status-changed"],
    ]);
    const mine = await getMyCase(resident, reference);
    expect(mine.events.map((e) => e.type)).toEqual(["submitted", "legacy", "legacy"]);
    expect(mine.events[1].note).toBe("Doorgestuurd naar de dienst.");
    expect((await openCaseAsStaff(agent, reference)).events.filter((e) => e.type === "legacy")).toHaveLength(2);
  });
});
