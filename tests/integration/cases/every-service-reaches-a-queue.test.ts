import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { cases, users } from "../../../db/schema";
import { listRequestable } from "../../../app/modules/cases/definitions.server";
import { listQueue, queueFilters } from "../../../app/modules/cases/queue.server";
import { claimCase } from "../../../app/modules/cases/staff.server";
import { listUnassigned } from "../../../app/modules/cases/unassigned.server";
import { db } from "../../../app/utils/db.server";
import { DEMO_STAFF } from "../../../seeds/demo-accounts";
import { runSeeds } from "../../../seeds/run";
import { asActor, fileCase } from "../../factories/cases";

beforeAll(async () => {
  await runSeeds(db, { demo: true, production: false, demoHistory: false });
});

const demoStaff = async (email: string) => asActor((await db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0].id);

describe("no request stranded with the demo data", () => {
  it("sends a request for each of the 11 services to a queue where a demo back-office member can claim it", async () => {
    const resident = await demoStaff("an.peeters@example.com");
    const front = await demoStaff("frontoffice@example.com");
    const defs = await listRequestable();
    expect(defs).toHaveLength(11);
    for (const def of defs) {
      const { reference } = await fileCase(resident, def.slug);
      const [row] = await db.select({ teamId: cases.teamId }).from(cases).where(eq(cases.reference, reference));
      expect(row.teamId, def.slug).not.toBeNull();
      // A demo back-office member of the case's team sees it in their queue and claims it.
      const candidates = [];
      for (const s of DEMO_STAFF.filter((s) => s.roles.includes("backoffice"))) {
        const actor = await demoStaff(s.email);
        if (actor.teams.some((t) => t.id === row.teamId)) candidates.push(actor);
      }
      expect(candidates.length, `${def.slug} has a demo back-office member`).toBeGreaterThan(0);
      const agent = candidates[0];
      const queue = await listQueue(agent, queueFilters.parse({ team: row.teamId, assigned: "none", service: def.serviceId }));
      expect(
        queue.items.map((i) => i.reference),
        def.slug,
      ).toContain(reference);
      await claimCase(agent, reference);
      const [after] = await db.select({ assigneeId: cases.assigneeId }).from(cases).where(eq(cases.reference, reference));
      expect(after.assigneeId, def.slug).toBe(agent.id);
    }
    // Every team has people, and every case has a handler: nothing waits on "Zonder behandelaar".
    expect((await listUnassigned(front)).items).toEqual([]);
  });
});
