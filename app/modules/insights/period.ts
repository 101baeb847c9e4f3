import { z } from "zod";

/** The dashboard filter (a GET form): a period of at most a year, and optionally one team. */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "insights:errors.date")
  .refine((s) => !Number.isNaN(Date.parse(s)), "insights:errors.date");

export const periodSchema = z
  .object({
    van: isoDate,
    tot: isoDate,
    team: z.union([z.literal(""), z.string().uuid("insights:errors.team")]).optional(),
  })
  .refine((p) => p.van <= p.tot, { message: "insights:errors.order", path: ["tot"] })
  .refine((p) => Date.parse(p.tot) - Date.parse(p.van) <= 366 * 86_400_000, { message: "insights:errors.tooLong", path: ["tot"] });

export type Period = { from: string; to: string; teamId: string | null };

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** The last 30 days up to today, in days (UTC dates are close enough for a default). */
export function defaultPeriod(now = new Date()): { van: string; tot: string } {
  const from = new Date(now.getTime() - 29 * 86_400_000);
  return { van: iso(from), tot: iso(now) };
}

/** The twelve whole months before `now`'s month: the period of the public figures. */
export function publicPeriod(now = new Date()): { from: string; to: string } {
  const firstOfMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const from = new Date(Date.UTC(now.getUTCFullYear() - 1, now.getUTCMonth(), 1));
  return { from: iso(from), to: iso(new Date(firstOfMonth.getTime() - 86_400_000)) };
}
