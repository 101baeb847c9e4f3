import type { CurrentUser } from "~/modules/identity/users.server";
import type { CaseAction } from "./backoffice-schemas";
import { endOfDay } from "./backoffice-schemas";
import type { Text3 } from "./definitions";
import { idsNamedBy } from "./events";
import {
  askResident,
  assignCase,
  claimCase,
  decideCase,
  extendDeadline,
  moveCase,
  namesFor,
  openCaseAsStaff,
  pauseClock,
  requestFrontOfficeTask,
  resumeClock,
  sendTeamMessage,
  setSubStatus,
} from "./staff.server";

/**
 * The back-office case page as data: what the page shows (serialisable) and the one call
 * behind each of its actions. The route only guards, parses and answers.
 */

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

/** What to do next, shown on top of the page: one short sentence from the case's state. */
export type NextStep = "closed" | "follow" | "claim" | "waiting" | "overdue" | "decide" | "work";

export async function staffCasePage(actor: CurrentUser, reference: string) {
  const o = await openCaseAsStaff(actor, reference);
  const ids = o.events.flatMap(idsNamedBy);
  const names = await namesFor(ids);
  const c = o.case;
  const nextStep: NextStep = c.closedAt
    ? "closed"
    : !o.canEdit
      ? "follow"
      : !c.assigneeId
        ? "claim"
        : c.waitingSince
          ? "waiting"
          : o.overdue
            ? "overdue"
            : o.decisions.length
              ? "decide"
              : "work";
  return {
    reference: c.reference,
    service: o.def.title,
    steps: o.def.form.steps,
    version: c.version,
    status: c.status,
    subStatus: c.subStatus,
    statusText: o.status.text,
    /** Every status of this service in words, for the heading, the move options and the history. */
    statusLabels: Object.fromEntries(o.def.statusModel.statuses.map((s) => [s.key, s.text])) as Record<string, Text3>,
    subStatuses: o.status.subStatuses,
    result: c.result,
    channel: c.channel,
    submittedAt: c.submittedAt.toISOString(),
    dueAt: c.dueAt.toISOString(),
    expectedBy: iso(o.expectedBy),
    waitingSince: iso(c.waitingSince),
    closedAt: iso(c.closedAt),
    overdue: o.overdue,
    nextStep,
    answers: c.answers,
    resident: o.resident,
    createdByName: c.createdById !== c.residentId ? o.createdByName : null,
    teamName: o.teamName,
    assigneeId: c.assigneeId,
    assigneeName: o.assigneeName,
    moves: o.moves.map((s) => ({ key: s.key, text: s.text, subStatuses: s.subStatuses })),
    decisions: o.decisions.map((s) => ({ key: s.key, text: s.text })),
    events: o.events.map((e) => ({ ...e, at: e.at.toISOString() })),
    names,
    messages: o.messages.map((m) => ({ id: m.id, at: m.at.toISOString(), fromStaff: m.fromStaff, kind: m.kind, body: m.body, files: o.files.filter((f) => f.messageId === m.id) })),
    files: o.files.filter((f) => !f.messageId),
    tasks: o.tasks.map((t) => ({ ...t, dueAt: iso(t.dueAt), doneAt: iso(t.doneAt) })),
    colleagues: o.colleagues.filter((u) => u.id !== c.assigneeId),
    teams: o.teams.filter((t) => t.id !== c.teamId),
    canEdit: o.canEdit,
    me: actor.id,
  };
}
export type StaffCasePage = Awaited<ReturnType<typeof staffCasePage>>;

/** One action of the case page, already parsed (backoffice-schemas.ts). */
export async function performCaseAction(actor: CurrentUser, reference: string, a: CaseAction): Promise<void> {
  switch (a._intent) {
    case "claim":
      await claimCase(actor, reference, { version: a.version });
      return;
    case "assign": {
      const [kind, id] = a.target.split(":");
      await assignCase(actor, reference, { version: a.version, reason: a.reason, ...(kind === "team" ? { teamId: id } : { assigneeId: kind === "user" ? id : null }) });
      return;
    }
    case "move":
      await moveCase(actor, reference, { version: a.version, to: a.to, subStatus: a.subStatus ?? null, note: a.note });
      return;
    case "substatus":
      await setSubStatus(actor, reference, { version: a.version, subStatus: a.subStatus ?? null });
      return;
    case "decide":
      await decideCase(actor, reference, { version: a.version, to: a.to, reason: a.reason });
      return;
    case "ask":
      await askResident(actor, reference, a.question, { version: a.version });
      return;
    case "message":
      await sendTeamMessage(actor, reference, a.body, { version: a.version });
      return;
    case "note":
      await sendTeamMessage(actor, reference, a.body, { internal: true });
      return;
    case "pause":
      await pauseClock(actor, reference, { version: a.version, reason: a.reason });
      return;
    case "resume":
      await resumeClock(actor, reference, { version: a.version });
      return;
    case "extend":
      await extendDeadline(actor, reference, { version: a.version, dueAt: endOfDay(a.dueDate), reason: a.reason });
      return;
    case "task":
      await requestFrontOfficeTask(actor, reference, { kind: a.kind, note: a.note, dueAt: a.dueDate ? endOfDay(a.dueDate) : null });
      return;
  }
}
