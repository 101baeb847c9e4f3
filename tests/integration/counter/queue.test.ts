import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { deskThemes, tickets } from "../../../db/schema";
import { actOnTicket, callNext, listDesks, takeDesk, takeTicket, ticketStatus, transferTicket, waitingBoard } from "../../../app/modules/counter/queue.server";
import { loadCurrentUser } from "../../../app/modules/identity/users.server";
import { db } from "../../../app/utils/db.server";
import { seedDemoCounter } from "../../../seeds/counter";
import { ensureResident, ensureStaff } from "../../factories/identity";

const themeId = async (slug: string) => (await db.select().from(deskThemes).where(eq(deskThemes.slug, slug)))[0].id;
let n = 0;
async function agentAtDesk(deskIndex: number, themes: string[]) {
  const staff = await ensureStaff(db, { email: `agent${n++}@example.com`, roles: ["frontoffice"] });
  const agent = (await loadCurrentUser(staff.id))!;
  const desk = (await listDesks())[deskIndex];
  await takeDesk(agent, desk.id, await Promise.all(themes.map(themeId)));
  return agent;
}
const take = (themeSlug: string, priority = false) => takeTicket({ themeSlug, priority, language: "nl" }, `kiosk-${Math.random()}`);

beforeEach(async () => {
  await db.execute(sql`truncate tickets, ticket_counters, desk_assignments cascade`);
  await seedDemoCounter(db);
});

describe("the counter queue", () => {
  it("numbers tickets per theme, without gaps or doubles when kiosks take them at once", async () => {
    const taken = await Promise.all(Array.from({ length: 20 }, () => take("wonen-energie")));
    expect(taken.map((t) => t.number).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `W-${String(i + 1).padStart(3, "0")}`));
    expect((await take("burgerzaken")).number).toBe("B-001");
  });

  it("calls priority visitors first, then in order of arrival, and records the waiting time", async () => {
    const first = await take("burgerzaken");
    const second = await take("burgerzaken");
    const urgent = await take("burgerzaken", true);
    await db.execute(sql`update tickets set created_at = created_at - interval '90 seconds' where id = ${first.id}`);
    const agent = await agentAtDesk(0, ["burgerzaken"]);
    expect((await ticketStatus(second.id))?.ahead).toBe(2);

    const called = await callNext(agent);
    expect(called?.number).toBe(urgent.number);
    await actOnTicket(agent, called!.id, "finish");
    const next = await callNext(agent);
    expect(next?.number).toBe(first.number);
    expect(next?.waitSeconds).toBeGreaterThanOrEqual(90);
    await actOnTicket(agent, next!.id, "start");
    await db.execute(sql`update tickets set started_at = started_at - interval '5 minutes' where id = ${next!.id}`);
    await actOnTicket(agent, next!.id, "finish");
    const [done] = await db.select().from(tickets).where(eq(tickets.id, next!.id));
    expect(done.status).toBe("done");
    expect(done.serviceSeconds).toBeGreaterThanOrEqual(300);
  });

  it("never gives two agents pressing 'call next' at the same moment the same ticket", async () => {
    for (let i = 0; i < 3; i++) await take("welzijn");
    const agents = await Promise.all([0, 1, 2, 3].map((i) => agentAtDesk(i, ["welzijn"])));
    const results = await Promise.all(agents.map((a) => callNext(a)));
    const numbers = results.filter(Boolean).map((t) => t!.number);
    expect(numbers).toHaveLength(3);
    expect(new Set(numbers).size).toBe(3);
    expect(results.filter((r) => r === undefined)).toHaveLength(1);
  });

  it("serves only the themes the agent chose and shows calls on the waiting screen", async () => {
    const housing = await take("wonen-energie");
    const agent = await agentAtDesk(1, ["burgerzaken"]);
    expect(await callNext(agent)).toBeUndefined();
    const civil = await take("burgerzaken");
    const called = await callNext(agent);
    expect(called?.id).toBe(civil.id);
    const board = await waitingBoard();
    expect(board.called.map((c) => c.number)).toEqual([civil.number]);
    expect(board.called[0].deskName).toBe("Loket 2");
    expect(board.waiting.find((w) => w.slug === "wonen-energie")?.waiting).toBe(1);
    expect((await ticketStatus(housing.id))?.ahead).toBe(0);
  });

  it("transfers a visitor to another theme, keeping their place", async () => {
    const early = await take("burgerzaken");
    await db.execute(sql`update tickets set created_at = now() - interval '10 minutes' where id = ${early.id}`);
    const later = await take("welzijn");
    const civil = await agentAtDesk(0, ["burgerzaken"]);
    await callNext(civil);
    await transferTicket(civil, early.id, "welzijn");
    const social = await agentAtDesk(1, ["welzijn"]);
    expect((await callNext(social))?.id).toBe(early.id);
    await actOnTicket(social, early.id, "noShow");
    expect((await callNext(social))?.id).toBe(later.id);
  });

  it("refuses anyone who is not front-office staff, and actions on someone else's ticket", async () => {
    const resident = (await loadCurrentUser((await ensureResident(db, { email: "r@example.com" })).id))!;
    await expect(callNext(resident)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const ticket = await take("burgerzaken");
    const a = await agentAtDesk(0, ["burgerzaken"]);
    const b = await agentAtDesk(1, ["burgerzaken"]);
    await callNext(a);
    await expect(actOnTicket(b, ticket.id, "finish")).rejects.toMatchObject({ code: "INVALID_STATE" });
  });
});
