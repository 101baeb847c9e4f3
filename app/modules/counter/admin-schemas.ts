import { z } from "zod";
import { PICTOGRAM_NAMES } from "~/components/Pictogram";

// Messages are i18n keys; the form shows them translated.

const name = (key: string) => z.string().trim().min(2, key).max(80, "counteradmin:errors.nameTooLong");

export const themeSchema = z.object({
  nameNl: name("counteradmin:errors.nameNlRequired"),
  nameEn: name("counteradmin:errors.nameEnRequired"),
  nameFr: name("counteradmin:errors.nameFrRequired"),
  letter: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]$/, "counteradmin:errors.letterFormat"),
  pictogram: z.string({ required_error: "counteradmin:errors.pictogramRequired" }).refine((p) => PICTOGRAM_NAMES.includes(p), "counteradmin:errors.pictogramRequired"),
  sortOrder: z.coerce
    .number({ invalid_type_error: "counteradmin:errors.sortOrder" })
    .int("counteradmin:errors.sortOrder")
    .min(0, "counteradmin:errors.sortOrder")
    .max(999, "counteradmin:errors.sortOrder"),
});
export type ThemeInput = z.infer<typeof themeSchema>;

export const deskSchema = z.object({ deskName: name("counteradmin:errors.deskNameRequired") });

/** "2026-02-31" matches the pattern but is no day. */
export function isRealDay(day: string) {
  const d = new Date(`${day}T12:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}

export const assignmentSchema = z.object({
  day: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "counteradmin:errors.dayFormat")
    .refine(isRealDay, "counteradmin:errors.dayFormat"),
  userId: z.string({ required_error: "counteradmin:errors.chooseAgent" }).uuid("counteradmin:errors.chooseAgent"),
  deskId: z.string({ required_error: "counteradmin:errors.chooseDesk" }).uuid("counteradmin:errors.chooseDesk"),
  themeIds: z.array(z.string().uuid()).min(1, "counteradmin:errors.chooseThemes"),
});

/** "HH:MM" on a 24-hour clock. */
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
export const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

const scheduleRow = z
  .object({
    weekday: z.coerce.number({ invalid_type_error: "counteradmin:errors.weekday" }).int().min(1, "counteradmin:errors.weekday").max(7, "counteradmin:errors.weekday"),
    start: z.string().trim().regex(TIME, "counteradmin:errors.timeFormat"),
    end: z.string().trim().regex(TIME, "counteradmin:errors.timeFormat"),
    slotMinutes: z.coerce
      .number({ invalid_type_error: "counteradmin:errors.slotMinutes" })
      .int("counteradmin:errors.slotMinutes")
      .min(5, "counteradmin:errors.slotMinutes")
      .max(120, "counteradmin:errors.slotMinutes"),
    capacity: z.coerce
      .number({ invalid_type_error: "counteradmin:errors.capacity" })
      .int("counteradmin:errors.capacity")
      .min(1, "counteradmin:errors.capacity")
      .max(50, "counteradmin:errors.capacity"),
  })
  .superRefine((r, ctx) => {
    // Zod still runs this when a field failed; only judge the range when the parts are valid.
    if (!TIME.test(r.start) || !TIME.test(r.end) || !Number.isInteger(r.slotMinutes) || r.slotMinutes < 5) return;
    const range = minutesOf(r.end) - minutesOf(r.start);
    if (range <= 0) ctx.addIssue({ code: "custom", path: ["end"], message: "counteradmin:errors.endBeforeStart" });
    else if (range % r.slotMinutes !== 0) ctx.addIssue({ code: "custom", path: ["slotMinutes"], message: "counteradmin:errors.slotDoesNotFit" });
  });
export type ScheduleRow = z.infer<typeof scheduleRow>;

/** A theme's whole week: the rows, none overlapping another on the same weekday. */
export const scheduleSchema = z.array(scheduleRow).superRefine((rows, ctx) => {
  rows.forEach((a, i) => {
    if (!TIME.test(a.start) || !TIME.test(a.end)) return;
    const clash = rows.findIndex(
      (b, j) => j < i && TIME.test(b.start) && TIME.test(b.end) && b.weekday === a.weekday && minutesOf(a.start) < minutesOf(b.end) && minutesOf(b.start) < minutesOf(a.end),
    );
    if (clash >= 0) ctx.addIssue({ code: "custom", path: [i, "start"], message: "counteradmin:errors.overlap" });
  });
});

export type RowErrors = Record<string, string>;

/**
 * Reads the schedule table of the agenda form (fields weekday-N, start-N, end-N, slotMinutes-N,
 * capacity-N, remove-N). Rows left blank or ticked "remove" are dropped; errors are keyed by
 * the field's id (e.g. "start-2") so the error summary links to it.
 */
export function parseScheduleForm(form: FormData): { ok: true; rows: ScheduleRow[] } | { ok: false; errors: RowErrors; rowOf: Record<string, number> } {
  const count = Math.min(Number(form.get("rowCount")) || 0, 100);
  const raw: { index: number; value: Record<string, string> }[] = [];
  for (let i = 0; i < count; i++) {
    const get = (f: string) => String(form.get(`${f}-${i}`) ?? "").trim();
    const value = { weekday: get("weekday"), start: get("start"), end: get("end"), slotMinutes: get("slotMinutes"), capacity: get("capacity") };
    if (form.get(`remove-${i}`) === "on") continue;
    if (!value.start && !value.end && !value.slotMinutes && !value.capacity) continue;
    raw.push({ index: i, value });
  }
  const parsed = scheduleSchema.safeParse(raw.map((r) => r.value));
  if (parsed.success) return { ok: true, rows: parsed.data };
  const errors: RowErrors = {};
  const rowOf: Record<string, number> = {};
  for (const issue of parsed.error.issues) {
    const [pos, field] = issue.path as [number, string];
    const id = `${field ?? "start"}-${raw[pos]?.index ?? 0}`;
    errors[id] ??= issue.message.includes(":") ? issue.message : "common:errors.invalid";
    rowOf[id] = (raw[pos]?.index ?? 0) + 1;
  }
  return { ok: false, errors, rowOf };
}
