import { and, asc, eq, isNull, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { CASE_CHANNELS, cases } from "../../../db/schema";
import { servicesView } from "~/modules/catalog/directory.server";
import { peopleView, teamOptions } from "~/modules/identity/directory.server";
import type { CurrentUser } from "~/modules/identity/users.server";
import { clearEverywhere, registerCache } from "~/modules/platform/cache-bus.server";
import { DomainError } from "~/modules/platform/errors";
import { db } from "~/utils/db.server";
import { expectedCompletion } from "./clock";
import { statusOf } from "./definitions";
import { definitionByServiceId, listRequestable } from "./definitions.server";
import { can } from "~/modules/identity/permissions";

/**
 * Work queues: a team's open cases, filtered and in due-date order. The filters come from a
 * GET form, so a queue view is a bookmarkable URL. Pages are a bounded offset over the
 * (team_id, due_at, id) partial index, which keeps "10,000 open cases of one team" fast.
 */

export const PAGE_SIZE = 25;
const MAX_PAGE = 200;
const DAY_MS = 86_400_000;

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
export const queueFilters = z.object({
  team: z.preprocess(blankToUndefined, z.string().uuid().optional()),
  status: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[a-z0-9-]+$/)
      .optional(),
  ),
  service: z.preprocess(blankToUndefined, z.string().uuid().optional()),
  due: z.preprocess(blankToUndefined, z.enum(["overdue", "week"]).optional()),
  assigned: z.preprocess(blankToUndefined, z.enum(["me", "none"]).optional()),
  waiting: z.preprocess(blankToUndefined, z.enum(["yes", "no"]).optional()),
  channel: z.preprocess(blankToUndefined, z.enum(CASE_CHANNELS).optional()),
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(MAX_PAGE).default(1)),
});
export type QueueFilters = z.infer<typeof queueFilters>;

/** Reads the filters from a URL; anything unreadable is simply dropped (a stale bookmark still opens). */
export function filtersFromUrl(url: URL): QueueFilters {
  const raw = Object.fromEntries(url.searchParams);
  const parsed = queueFilters.safeParse(raw);
  if (parsed.success) return parsed.data;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    const one = queueFilters.shape[k as keyof QueueFilters]?.safeParse(v);
    if (one?.success) out[k] = one.data;
  }
  return queueFilters.parse(out);
}

/** The teams whose queue the actor may open: their own (back office), all (admin). */
export async function queueTeams(actor: CurrentUser) {
  if (can(actor, "admin.manage")) return teamOptions(db);
  if (!can(actor, "cases.queue")) return [];
  return actor.teams.map((t) => ({ id: t.id, name: t.name }));
}

// A paused case is late when it was already late when the clock stopped.
const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
const overdueSql = (now: Date) => sql`(${cases.dueAt} < ${ts(now)} and (${cases.waitingSince} is null or ${cases.dueAt} < ${cases.waitingSince}))`;
const weekSql = (now: Date) => sql`(${cases.dueAt} >= ${ts(now)} and ${cases.dueAt} < ${ts(new Date(now.getTime() + 7 * DAY_MS))})`;

function conditions(actor: CurrentUser, teamId: string, f: QueueFilters, now: Date): SQL[] {
  const where: SQL[] = [eq(cases.teamId, teamId), isNull(cases.closedAt)];
  if (f.status) where.push(eq(cases.status, f.status));
  if (f.service) where.push(eq(cases.serviceId, f.service));
  if (f.channel) where.push(eq(cases.channel, f.channel));
  if (f.due === "overdue") where.push(overdueSql(now));
  if (f.due === "week") where.push(weekSql(now));
  if (f.assigned === "me") where.push(eq(cases.assigneeId, actor.id));
  if (f.assigned === "none") where.push(isNull(cases.assigneeId));
  if (f.waiting === "yes") where.push(sql`${cases.waitingSince} is not null`);
  if (f.waiting === "no") where.push(isNull(cases.waitingSince));
  return where;
}

export type QueueCounts = {
  open: number;
  overdue: number;
  week: number;
  mine: number;
  unassigned: number;
  waiting: number;
  byStatus: Record<string, number>;
  byChannel: Record<string, number>;
  byService: Record<string, number>;
};

/** Counts per filter over the team's open cases, in one pass. */
async function countsFor(actor: CurrentUser, teamId: string, now: Date): Promise<QueueCounts> {
  const rows = await db
    .select({
      status: cases.status,
      channel: cases.channel,
      serviceId: cases.serviceId,
      n: sql<number>`count(*)::int`,
      overdue: sql<number>`(count(*) filter (where ${overdueSql(now)}))::int`,
      week: sql<number>`(count(*) filter (where ${weekSql(now)}))::int`,
      mine: sql<number>`(count(*) filter (where ${cases.assigneeId} = ${actor.id}))::int`,
      unassigned: sql<number>`(count(*) filter (where ${cases.assigneeId} is null))::int`,
      waiting: sql<number>`(count(*) filter (where ${cases.waitingSince} is not null))::int`,
    })
    .from(cases)
    .where(and(eq(cases.teamId, teamId), isNull(cases.closedAt)))
    .groupBy(cases.status, cases.channel, cases.serviceId);
  const out: QueueCounts = { open: 0, overdue: 0, week: 0, mine: 0, unassigned: 0, waiting: 0, byStatus: {}, byChannel: {}, byService: {} };
  for (const r of rows) {
    out.open += r.n;
    out.overdue += r.overdue;
    out.week += r.week;
    out.mine += r.mine;
    out.unassigned += r.unassigned;
    out.waiting += r.waiting;
    out.byStatus[r.status] = (out.byStatus[r.status] ?? 0) + r.n;
    out.byChannel[r.channel] = (out.byChannel[r.channel] ?? 0) + r.n;
    out.byService[r.serviceId] = (out.byService[r.serviceId] ?? 0) + r.n;
  }
  return out;
}

/**
 * The counts per filter are shared for COUNTS_MS per team and staff member ("mine" depends on who
 * asks), and concurrent requests for the same counts share one query. Counting a team's 10,000
 * open cases costs about 9 ms in PostgreSQL, the rest of a queue page about 1 ms: with several
 * agents refreshing their queue, that count was most of the database's work. The list itself is
 * always read fresh; only the numbers in brackets behind the filter options may be up to
 * COUNTS_MS old. A claim from the queue page forgets the counts, so the agent sees their own
 * claim counted at once.
 */
const COUNTS_MS = 3000;
const countsCache = new Map<string, { until: number; counts: Promise<QueueCounts> }>();

function cachedCounts(actor: CurrentUser, teamId: string, now: Date): Promise<QueueCounts> {
  const key = `${teamId}:${actor.id}`;
  const t = Date.now();
  const hit = countsCache.get(key);
  if (hit && hit.until > t) return hit.counts;
  if (countsCache.size > 1000) for (const [k, v] of countsCache) if (v.until <= t) countsCache.delete(k);
  const counts = countsFor(actor, teamId, now);
  countsCache.set(key, { until: t + COUNTS_MS, counts });
  counts.catch(() => countsCache.get(key)?.counts === counts && countsCache.delete(key));
  return counts;
}

registerCache("queue-counts", () => countsCache.clear());

/** After a change made from the queue page: the next queue view counts afresh, in every process. */
export function forgetQueueCounts() {
  clearEverywhere("queue-counts");
}

// Names and titles through the read-only join helpers of identity and the catalogue (decision 017).
const assignee = peopleView("assignee");
const resident = peopleView("resident");
const services = servicesView("service");

/** One page of a team's queue, with counts per filter and what the filter form offers. */
export async function listQueue(actor: CurrentUser, f: QueueFilters, now = new Date()) {
  const allowed = await queueTeams(actor);
  if (!allowed.length) throw new DomainError("FORBIDDEN", "common:errors.forbidden.title");
  const teamId = f.team ?? allowed[0].id;
  if (!allowed.some((t) => t.id === teamId)) throw new DomainError("FORBIDDEN", "common:errors.forbidden.title");
  const offset = (f.page - 1) * PAGE_SIZE;
  // The page's case ids first (filtered and sorted on the cases table alone), then the joins for
  // those 26 rows only: the planner otherwise joined every matching case before sorting.
  const page = db
    .select({ id: cases.id })
    .from(cases)
    .where(and(...conditions(actor, teamId, f, now)))
    .orderBy(asc(cases.dueAt), asc(cases.id))
    .limit(PAGE_SIZE + 1)
    .offset(offset)
    .as("page");
  const [rows, counts, defs] = await Promise.all([
    db
      .select({
        reference: cases.reference,
        serviceId: cases.serviceId,
        serviceTitle: services.title,
        status: cases.status,
        subStatus: cases.subStatus,
        channel: cases.channel,
        dueAt: cases.dueAt,
        waitingSince: cases.waitingSince,
        closedAt: cases.closedAt,
        submittedAt: cases.submittedAt,
        residentName: resident.name,
        assigneeId: cases.assigneeId,
        assigneeName: assignee.name,
        version: cases.version,
      })
      .from(page)
      .innerJoin(cases, eq(cases.id, page.id))
      .innerJoin(services, eq(services.id, cases.serviceId))
      .innerJoin(resident, eq(resident.id, cases.residentId))
      .leftJoin(assignee, eq(assignee.id, cases.assigneeId))
      .orderBy(asc(cases.dueAt), asc(cases.id)),
    cachedCounts(actor, teamId, now),
    listRequestable(),
  ]);
  const statusKeys = new Map<string, { key: string; text: Record<string, string> }>();
  for (const d of defs) for (const s of d.statusModel.statuses) if (s.next.length) statusKeys.set(s.key, { key: s.key, text: s.text });
  const items = await Promise.all(
    rows.slice(0, PAGE_SIZE).map(async (r) => {
      const def = await definitionByServiceId(r.serviceId);
      const expectedBy = expectedCompletion(r, now)!;
      return {
        ...r,
        /** The status in words (per language), so staff never have to read a raw key like "in-behandeling". */
        statusText: def ? statusOf(def.statusModel, r.status)?.text : undefined,
        expectedBy,
        overdue: expectedBy.getTime() < now.getTime(),
        waiting: !!r.waitingSince,
      };
    }),
  );
  return {
    teams: allowed,
    teamId,
    filters: f,
    items,
    counts,
    page: f.page,
    hasNext: rows.length > PAGE_SIZE && f.page < MAX_PAGE,
    services: defs.map((d) => ({ id: d.serviceId, title: d.title })),
    statuses: [...statusKeys.values()],
  };
}
