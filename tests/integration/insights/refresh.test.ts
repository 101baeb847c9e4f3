import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { startWorker } from "../../../app/modules/notify/worker.server";
import { DAILY_MODELS, refreshCaseFacts, refreshDaily, refreshInsightsUntilDone } from "../../../app/modules/insights/refresh.server";
import { db } from "../../../app/utils/db.server";
import { runSeeds } from "../../../seeds/run";
import { seedDemoCounter } from "../../../seeds/counter";
import { ensureResident } from "../../factories/identity";

const counterModel = DAILY_MODELS.find((m) => m.name === "counter")!;
const contactsModel = DAILY_MODELS.find((m) => m.name === "contacts")!;
let residentId: string;
let serviceId: string;
let themeId: string;

async function addCase(reference: string, submittedDaysAgo: number) {
  const [c] = (await db.execute(sql`
    insert into cases (reference, service_id, resident_id, created_by_id, channel, status, submitted_at, due_at, last_change_at)
    values (${reference}, ${serviceId}, ${residentId}, ${residentId}, 'web', 'ontvangen',
            now() - ${submittedDaysAgo} * interval '1 day', now() + interval '10 days', now())
    returning id`)) as unknown as { id: string }[];
  await db.execute(sql`insert into case_events (case_id, at, type, visibility) values (${c.id}, now() - interval '1 minute', 'submitted', 'resident')`);
  return c.id;
}

beforeAll(async () => {
  await runSeeds(db, { demo: false, production: false });
  await seedDemoCounter(db);
  residentId = (await ensureResident(db, { email: "refresh@example.com" })).id;
  [{ id: serviceId }] = (await db.execute(sql`select service_id as id from case_definitions limit 1`)) as unknown as { id: string }[];
  [{ id: themeId }] = (await db.execute(sql`select id from desk_themes order by sort_order limit 1`)) as unknown as { id: string }[];
});

describe("incremental refresh of the insights read models", () => {
  it("case facts: the second run processes only events added after the first", async () => {
    const a = await addCase("REF-1", 3);
    await addCase("REF-2", 2);
    const first = await refreshCaseFacts();
    expect(first).toMatchObject({ events: 2, cases: 2 });
    expect(await refreshCaseFacts()).toMatchObject({ events: 0, cases: 0 });

    // Closing and rating a case are events: the next run picks up only that case.
    await db.execute(sql`update cases set status = 'afgesloten', result = 'afgesloten', closed_at = now() - interval '2 minutes', satisfaction_score = 4 where id = ${a}`);
    await db.execute(sql`insert into case_events (case_id, at, type, visibility) values (${a}, now() - interval '1 minute', 'status-changed', 'resident')`);
    expect(await refreshCaseFacts()).toMatchObject({ events: 1, cases: 1 });
    const [fact] = (await db.execute(
      sql`select closed_at is not null as closed, satisfaction_score, on_time, round(lead_days) as lead from insights_case_facts where case_id = ${a}`,
    )) as unknown as Record<string, unknown>[];
    expect(fact).toEqual({ closed: true, satisfaction_score: 4, on_time: true, lead: 3 });
  });

  it("case facts: events of the last seconds wait for the next run (a slower transaction may still commit an earlier id)", async () => {
    const c = await addCase("REF-3", 1);
    await db.execute(sql`insert into case_events (case_id, at, type, visibility) values (${c}, now(), 'note', 'internal')`);
    // The older event is processed; the one just written is not, yet.
    expect(await refreshCaseFacts()).toMatchObject({ events: 1, cases: 1 });
    expect(await refreshCaseFacts()).toMatchObject({ events: 0 });
    expect(await refreshCaseFacts(db, 100, 0)).toMatchObject({ events: 1, cases: 1 });
  });

  it("daily models: the first run starts at the first day with data; later runs only recompute yesterday and today", async () => {
    await db.execute(sql`
      insert into tickets (day, theme_id, number, status, created_at, wait_seconds, service_seconds)
      select d::date, ${themeId}, 'T' || n, 'done', d + interval '9 hours', 300, 600
      from generate_series(current_date - 40, current_date - 1, interval '1 day') d, generate_series(1, 2) n`);
    const first = await refreshDaily(counterModel, db, 31);
    expect(first.days).toBe(31);
    const second = await refreshDaily(counterModel, db, 31);
    expect(second.from).toBe(first.to ? new Date(Date.parse(first.to) + 86_400_000).toISOString().slice(0, 10) : undefined);
    // Caught up: from now on a run covers at most yesterday and today.
    const third = await refreshDaily(counterModel, db, 31);
    expect(third.days).toBeLessThanOrEqual(2);
    const [{ tickets }] = (await db.execute(sql`select sum(tickets)::int as tickets from insights_counter_hourly`)) as unknown as { tickets: number }[];
    expect(tickets).toBe(80);
  });

  it("skips instead of waiting when another process is refreshing", async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(8082026)`);
      locked();
      await held;
    });
    await isLocked;
    expect(await refreshCaseFacts()).toMatchObject({ skipped: true });
    expect(await refreshDaily(counterModel)).toMatchObject({ skipped: true });
    release();
    await holder;
    expect((await refreshCaseFacts()).skipped).toBeUndefined();
  });

  it("contacts: a score added days after the contact is still counted", async () => {
    await db.execute(sql`insert into contact_moments (channel, subject, occurred_at) values ('phone', 'Vraag', now() - interval '5 days')`);
    await refreshInsightsUntilDone();
    const ratings = async () =>
      ((await db.execute(sql`select coalesce(sum(sat_n), 0)::int as n from insights_contact_daily where channel = 'phone'`)) as unknown as { n: number }[])[0].n;
    expect(await ratings()).toBe(0);
    await db.execute(sql`update contact_moments set satisfaction_score = 5 where subject = 'Vraag'`);
    const step = await refreshDaily(contactsModel);
    expect(step.days).toBe(7);
    expect(await ratings()).toBe(1);
  });

  it("runs in the worker: new cases reach the read model without anyone asking", async () => {
    const c = await addCase("REF-WORKER", 1);
    const worker = startWorker({ intervalMs: 50, log: { error: () => {} } });
    try {
      let found = 0;
      for (let i = 0; i < 100 && !found; i++) {
        found = ((await db.execute(sql`select count(*)::int as n from insights_case_facts where case_id = ${c}`)) as unknown as { n: number }[])[0].n;
        if (!found) await new Promise((r) => setTimeout(r, 50));
      }
      expect(found).toBe(1);
    } finally {
      await worker.stop();
    }
  });
});
