import { z } from "zod";
import { uuid } from "~/utils/ids";
import { MANUAL_TASK_KINDS_LIST } from "./task-kinds";

/**
 * What the forms on the back-office case page send, checked at the edge. Every form carries
 * the case `version` it was built from (optimistic locking); messages are i18n keys.
 */

const text = (max: number, key = "backoffice:errors.required") => z.string().trim().min(1, key).max(max, "cases:errors.tooLong");
const reason = text(2000, "backoffice:errors.reasonRequired");
const version = z.coerce.number().int().min(1);
const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "backoffice:errors.date")
  .refine((d) => !Number.isNaN(Date.parse(`${d}T12:00:00Z`)) && new Date(`${d}T12:00:00Z`).toISOString().startsWith(d), "backoffice:errors.date");
const optional = <T extends z.ZodTypeAny>(s: T) => z.preprocess((v) => (v === "" ? undefined : v), s.optional());

export const caseActionSchemas = {
  claim: z.object({ version }),
  // "user:<uuid>", "team:<uuid>" or "none:" (unassign): the id is parsed before any query.
  assign: z.object({
    version,
    target: z.union(
      [
        z.literal("none:"),
        z
          .string()
          .regex(/^(user|team):/)
          .refine((v) => uuid.safeParse(v.slice(5)).success),
      ],
      { message: "backoffice:errors.chooseTarget" },
    ),
    reason,
  }),
  move: z.object({
    version,
    to: z.string().min(1, "backoffice:errors.chooseStatus").max(100),
    subStatus: optional(z.string().max(200)),
    note: optional(z.string().trim().max(4000, "cases:errors.tooLong")),
  }),
  /** Only the internal sub-status of the current status (its own small form, no status choice). */
  substatus: z.object({ version, subStatus: optional(z.string().max(200)) }),
  decide: z.object({ version, to: z.string().min(1, "backoffice:errors.chooseResult").max(100), reason }),
  ask: z.object({ version, question: text(4000) }),
  message: z.object({ version, body: text(4000) }),
  note: z.object({ body: text(4000) }),
  pause: z.object({ version, reason }),
  resume: z.object({ version }),
  extend: z.object({ version, dueDate: isoDate, reason }),
  task: z.object({
    kind: z.enum(MANUAL_TASK_KINDS_LIST, { message: "backoffice:errors.taskKind" }),
    note: optional(z.string().trim().max(2000, "cases:errors.tooLong")),
    dueDate: optional(isoDate),
  }),
} as const;
export type CaseIntent = keyof typeof caseActionSchemas;
export const CASE_INTENTS = Object.keys(caseActionSchemas) as CaseIntent[];

/** The body of the case page's action: one discriminated union on `_intent`. */
const S = caseActionSchemas;
export const caseActionBody = z.discriminatedUnion("_intent", [
  S.claim.extend({ _intent: z.literal("claim") }),
  S.assign.extend({ _intent: z.literal("assign") }),
  S.move.extend({ _intent: z.literal("move") }),
  S.substatus.extend({ _intent: z.literal("substatus") }),
  S.decide.extend({ _intent: z.literal("decide") }),
  S.ask.extend({ _intent: z.literal("ask") }),
  S.message.extend({ _intent: z.literal("message") }),
  S.note.extend({ _intent: z.literal("note") }),
  S.pause.extend({ _intent: z.literal("pause") }),
  S.resume.extend({ _intent: z.literal("resume") }),
  S.extend.extend({ _intent: z.literal("extend") }),
  S.task.extend({ _intent: z.literal("task") }),
]);
export type CaseAction = z.infer<typeof caseActionBody>;

/** A calendar day chosen in Brussels, as the end of that working day (17:00 local, near enough: 16:00 UTC). */
export const endOfDay = (isoDay: string) => new Date(`${isoDay}T16:00:00Z`);
