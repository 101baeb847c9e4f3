import { and, asc, desc, eq, isNull, or, sql } from "drizzle-orm";
import { caseTasks, cases } from "../../../db/schema";
import { servicesView } from "~/modules/catalog/directory.server";
import { peopleView, personNameOf } from "~/modules/identity/directory.server";
import type { CurrentUser } from "~/modules/identity/users.server";
import { DomainError } from "~/modules/platform/errors";
import { db, type DbOrTx, type Tx } from "~/utils/db.server";
import { appendCaseEvent } from "./events.server";
import { MANUAL_TASK_KINDS_LIST } from "./task-kinds";
import { can } from "~/modules/identity/permissions";

/**
 * Work for the front office ("De front office stuurt de backoffice aan", and back): call or
 * write to a resident, make an appointment, tell a resident what the back office asked or
 * decided. A task belongs to a case; it may name an agent, otherwise any front-office agent takes it.
 */

// Names and titles through the read-only join helpers of identity and the catalogue (decision 017).
const resident = peopleView("resident");
const service = servicesView("service");

export const TASK_KINDS = ["call-resident", "make-appointment", "send-letter", "inform-resident", "contact-resident"] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
/** What the back office may ask by hand; the others are made by the system. */
export const MANUAL_TASK_KINDS = MANUAL_TASK_KINDS_LIST satisfies readonly TaskKind[];

const DAY_MS = 86_400_000;
/** Demo norm: the front office tells the resident within one working day. */
const INFORM_DAYS = 1;

type CaseLike = { id: string; channel: string; createdById: string; residentId: string };

/** Filed at the counter or by phone by a staff member: the front office wants to follow it. */
export const filedByFrontOffice = (c: CaseLike) => (c.channel === "counter" || c.channel === "phone") && c.createdById !== c.residentId;

export async function createTask(
  tx: Tx,
  input: {
    caseId: string;
    kind: TaskKind;
    note?: string | null;
    dueAt?: Date | null;
    createdById?: string | null;
    assigneeId?: string | null;
    teamId?: string | null;
    data?: Record<string, unknown>;
  },
) {
  const [task] = await tx
    .insert(caseTasks)
    .values({
      caseId: input.caseId,
      kind: input.kind,
      note: input.note?.trim() || null,
      dueAt: input.dueAt ?? null,
      createdById: input.createdById ?? null,
      assigneeId: input.assigneeId ?? null,
      teamId: input.teamId ?? null,
      data: input.data ?? {},
    })
    .returning();
  await appendCaseEvent(tx, {
    caseId: input.caseId,
    actorId: input.createdById ?? null,
    type: "task-created",
    data: { taskId: task.id, kind: input.kind, ...(input.note ? { note: input.note.trim() } : {}) },
  });
  return task;
}

/**
 * When the back office asks the resident something or decides on a case the front office
 * filed for them, the agent who filed it gets a task to tell the resident (issue 5 item 6).
 */
export async function informFrontOffice(tx: Tx, c: CaseLike, what: "question" | "decision", now = new Date()) {
  if (!filedByFrontOffice(c)) return undefined;
  return createTask(tx, { caseId: c.id, kind: "inform-resident", assigneeId: c.createdById, dueAt: new Date(now.getTime() + INFORM_DAYS * DAY_MS), data: { notice: what } });
}

const mayWorkDesk = (actor: CurrentUser) => can(actor, "residents.serve");

/** The desk task list: open tasks for this agent or for anyone at the front office, overdue first, then by due date. */
export async function listDeskTasks(actor: CurrentUser, opts: { limit?: number } = {}) {
  if (!mayWorkDesk(actor)) throw new DomainError("FORBIDDEN", "common:errors.forbidden.title");
  return db
    .select({
      id: caseTasks.id,
      kind: caseTasks.kind,
      note: caseTasks.note,
      data: caseTasks.data,
      dueAt: caseTasks.dueAt,
      createdAt: caseTasks.createdAt,
      assigneeId: caseTasks.assigneeId,
      reference: cases.reference,
      serviceTitle: service.title,
      residentName: resident.name,
      residentPhone: resident.phone,
      residentEmail: resident.email,
      createdByName: personNameOf(caseTasks.createdById),
    })
    .from(caseTasks)
    .innerJoin(cases, eq(cases.id, caseTasks.caseId))
    .innerJoin(service, eq(service.id, cases.serviceId))
    .innerJoin(resident, eq(resident.id, cases.residentId))
    .where(and(isNull(caseTasks.doneAt), or(isNull(caseTasks.assigneeId), eq(caseTasks.assigneeId, actor.id))))
    .orderBy(sql`${caseTasks.dueAt} asc nulls last`, asc(caseTasks.createdAt))
    .limit(opts.limit ?? 200);
}

export async function completeTask(actor: CurrentUser, taskId: string) {
  if (!mayWorkDesk(actor)) throw new DomainError("FORBIDDEN", "common:errors.forbidden.title");
  if (!/^[0-9a-f-]{36}$/i.test(taskId)) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
  return db.transaction(async (tx) => {
    const [task] = await tx.select().from(caseTasks).where(eq(caseTasks.id, taskId)).for("update");
    if (!task || (task.assigneeId && task.assigneeId !== actor.id && !can(actor, "admin.manage"))) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
    if (task.doneAt) return { already: true };
    await tx.update(caseTasks).set({ doneAt: new Date(), doneById: actor.id }).where(eq(caseTasks.id, task.id));
    await appendCaseEvent(tx, { caseId: task.caseId, actorId: actor.id, type: "task-done", data: { taskId: task.id, kind: task.kind } });
    return { already: false };
  });
}

/** The tasks of one case (for the case page), open first. */
export async function tasksOfCase(conn: DbOrTx, caseId: string) {
  return conn
    .select({
      id: caseTasks.id,
      kind: caseTasks.kind,
      note: caseTasks.note,
      dueAt: caseTasks.dueAt,
      doneAt: caseTasks.doneAt,
      data: caseTasks.data,
      assigneeName: personNameOf(caseTasks.assigneeId),
    })
    .from(caseTasks)
    .where(eq(caseTasks.caseId, caseId))
    .orderBy(sql`${caseTasks.doneAt} is not null`, desc(caseTasks.createdAt));
}
