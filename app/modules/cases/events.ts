import { z } from "zod";
// Types only: the case page component imports this file, and the browser bundle must not pull in the schema.
import type { CaseChannel, EventVisibility } from "../../../db/schema/cases";
import { uuid } from "~/utils/ids";

/**
 * The history of a case (table case_events: `type text`, `data jsonb`) as one discriminated
 * union. Every writer goes through `appendCaseEvent(tx, event)` (events.server.ts), which only
 * takes a `CaseEvent`; every reader parses rows back with `parseCaseEvent`, so a row written
 * before a type changed (or by hand) comes back as a `LegacyCaseEvent`, never as a cast.
 *
 * The stored format is the one the code wrote before this union existed: no data migration.
 * Schemas strip keys they do not know (the volume generator adds `volume: true`).
 */

const id = uuid;
const isoDate = z.string().datetime({ offset: true });
const text = z.string();
/** A task kind (tasks.server.ts TASK_KINDS); kept as text here so old kinds still read back. */
const taskKind = z.string().min(1);
const CHANNELS = ["web", "counter", "phone", "email"] as const satisfies readonly CaseChannel[];
/** Fails to compile when db/schema CASE_CHANNELS gains a channel this list lacks. */
export const CHANNELS_COMPLETE: [Exclude<CaseChannel, (typeof CHANNELS)[number]>] extends [never] ? true : false = true;

/** One zod schema for the data of each event type, and who may read it. */
export const CASE_EVENT_SCHEMAS = {
  /** The case was filed (web, counter, phone or e-mail) in its initial status. */
  submitted: z.object({ channel: z.enum(CHANNELS), status: text }),
  /** The case went to the team competent for its service (none when the service has no team). */
  routed: z.object({ teamId: id.nullable() }),
  /** A status change; closing changes carry the result, decisions a note (the reason the resident reads). */
  "status-changed": z.object({ from: text, to: text, result: text.optional(), note: text.optional(), by: z.literal("resident").optional() }),
  "sub-status-changed": z.object({ subStatus: text.nullable() }),
  /** Someone took the case (`claimed`) or it was given to a colleague (or to nobody) with a reason. */
  assigned: z.object({ from: id.nullable(), to: id.nullable(), claimed: z.literal(true).optional(), reason: text.optional() }),
  "team-changed": z.object({ from: id.nullable(), to: id, reason: text }),
  /** The team asked the resident something (the question is the message). */
  "info-requested": z.object({ messageId: id }),
  /** The resident answered a question, with this many files. */
  "info-provided": z.object({ messageId: id, files: z.number().int().nonnegative() }),
  /** A message: from the team (`fromStaff`) or from the resident (with its number of files). */
  message: z.object({ messageId: id, fromStaff: z.literal(true).optional(), files: z.number().int().nonnegative().optional() }),
  /** An internal note; the resident never sees it. */
  note: z.object({ body: text }),
  "clock-paused": z.object({ reason: text }),
  "clock-resumed": z.object({ dueAt: isoDate, pausedSince: isoDate }),
  "deadline-extended": z.object({ note: text, from: isoDate, to: isoDate }),
  rated: z.object({ score: z.number().int().min(1).max(5) }),
  "task-created": z.object({ taskId: id, kind: taskKind, note: text.optional() }),
  "task-done": z.object({ taskId: id, kind: taskKind }),
  /** The agent saw the resident's identity card at the counter (decision 009). */
  "identity-checked": z.object({ method: z.literal("counter") }),
} as const;

type Schemas = typeof CASE_EVENT_SCHEMAS;
export type CaseEventType = keyof Schemas;
export const CASE_EVENT_TYPES = Object.keys(CASE_EVENT_SCHEMAS) as CaseEventType[];

/** Who reads each event: fixed per type, so a writer cannot show an internal note to the resident. */
export const CASE_EVENT_VISIBILITY: Record<CaseEventType, EventVisibility> = {
  submitted: "resident",
  routed: "internal",
  "status-changed": "resident",
  "sub-status-changed": "internal",
  assigned: "internal",
  "team-changed": "internal",
  "info-requested": "resident",
  "info-provided": "resident",
  message: "resident",
  note: "internal",
  "clock-paused": "internal",
  "clock-resumed": "internal",
  "deadline-extended": "resident",
  rated: "resident",
  "task-created": "internal",
  "task-done": "internal",
  "identity-checked": "internal",
};

/** One case event: its type and the data that type carries. */
export type CaseEvent = { [K in CaseEventType]: { type: K; data: z.infer<Schemas[K]> } }[CaseEventType];
export type CaseEventOf<K extends CaseEventType> = Extract<CaseEvent, { type: K }>;

/** A stored row that is no `CaseEvent` (an unknown type, or data that does not fit its type): shown as stored. */
export type LegacyCaseEvent = { type: "legacy"; storedType: string; data: Record<string, unknown> };
export type StoredCaseEvent = CaseEvent | LegacyCaseEvent;

const isType = (t: string): t is CaseEventType => Object.hasOwn(CASE_EVENT_SCHEMAS, t);

/** Reads one stored row back as a typed event; what does not fit becomes a `LegacyCaseEvent`. */
export function parseCaseEvent(row: { type: string; data: unknown }): StoredCaseEvent {
  const raw = row.data && typeof row.data === "object" && !Array.isArray(row.data) ? (row.data as Record<string, unknown>) : {};
  if (isType(row.type)) {
    const parsed = CASE_EVENT_SCHEMAS[row.type].safeParse(raw);
    if (parsed.success) return { type: row.type, data: parsed.data } as CaseEvent;
  }
  return { type: "legacy", storedType: row.type, data: raw };
}

/** Checks an event before it is stored (the types already do; this keeps hand-built data honest too). */
export function validateCaseEvent(event: CaseEvent): CaseEvent {
  return { type: event.type, data: CASE_EVENT_SCHEMAS[event.type].parse(event.data) } as CaseEvent;
}

/** The type as stored (a legacy row keeps its own), e.g. for translation keys and exports. */
export const storedTypeOf = (e: StoredCaseEvent) => (e.type === "legacy" ? e.storedType : e.type);

/** Ids of people and teams an event names (assignees, teams), for the staff timeline's names. */
export function idsNamedBy(e: StoredCaseEvent): string[] {
  switch (e.type) {
    case "assigned":
    case "team-changed":
      return [e.data.from, e.data.to].filter((x): x is string => typeof x === "string");
    default:
      return [];
  }
}

/** The free text an event carries (a decision's reason, a note, a pause reason), if any. */
export function textOf(e: StoredCaseEvent): string | undefined {
  switch (e.type) {
    case "status-changed":
    case "deadline-extended":
      return e.data.note;
    case "assigned":
      return e.data.reason;
    case "team-changed":
    case "clock-paused":
      return e.data.reason;
    case "note":
      return e.data.body;
    case "task-created":
      return e.data.note;
    case "legacy":
      return [e.data.note, e.data.reason, e.data.body].find((v): v is string => typeof v === "string");
    default:
      return undefined;
  }
}

/** The note a resident reads with an event of their timeline (a decision's reason, why the deadline moved). */
export function residentNoteOf(e: StoredCaseEvent): string | undefined {
  switch (e.type) {
    case "status-changed":
    case "deadline-extended":
      return e.data.note;
    case "legacy":
      return typeof e.data.note === "string" ? e.data.note : undefined;
    default:
      return undefined;
  }
}
