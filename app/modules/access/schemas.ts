import { z } from "zod";

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "access:errors.time");
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "access:errors.date");

/** Visitors in one invitation (the form starts with 3 rows and adds one per "add a visitor"). */
export const MAX_VISITORS = 20;

export const visitorSchema = z.object({
  name: z.string().trim().min(1, "access:errors.visitorName").max(200),
  email: z.string().trim().toLowerCase().email("access:errors.visitorEmail").max(320),
  organisation: z.string().trim().max(200).optional().default(""),
  language: z.enum(["nl", "en", "fr"]).default("nl"),
});

export const windowFields = z.object({ date, from: time, until: time });
/** A visit ends after it starts (the message sits at "until"). */
export const untilAfterFrom = (w: { from: string; until: string }) => w.until > w.from;
export const untilAfterFromIssue = { path: ["until"], message: "access:errors.untilAfterFrom" };
export const windowSchema = windowFields.refine(untilAfterFrom, untilAfterFromIssue);

export const invitationSchema = z
  .object({
    visitors: z.array(visitorSchema).min(1, "access:errors.visitorName").max(MAX_VISITORS),
    buildingId: z.string().uuid("access:errors.building"),
    purpose: z.string().trim().min(1, "access:errors.purpose").max(500),
    entries: z.enum(["single", "multiple"], { errorMap: () => ({ message: "access:errors.entries" }) }),
    repeatWeeks: z.coerce.number().int().min(1, "access:errors.repeat").max(12, "access:errors.repeat").default(1),
    date,
    from: time,
    until: time,
  })
  .refine((v) => v.until > v.from, { path: ["until"], message: "access:errors.untilAfterFrom" });
export type InvitationInput = z.infer<typeof invitationSchema>;

/**
 * Reads the invitation form: visitor rows are numbered fields (visitor0Name ...), so the
 * form works without JavaScript; empty rows after the first are ignored.
 */
export function invitationFormInput(form: FormData) {
  const visitors = [];
  for (let i = 0; i < MAX_VISITORS; i++) {
    const v = (k: string) => String(form.get(`visitor${i}${k}`) ?? "");
    if (i > 0 && !v("Name").trim() && !v("Email").trim()) continue;
    visitors.push({ name: v("Name"), email: v("Email"), organisation: v("Organisation"), language: v("Language") || "nl" });
  }
  return {
    visitors,
    buildingId: form.get("buildingId") ?? "",
    purpose: form.get("purpose") ?? "",
    entries: form.get("entries") ?? "",
    repeatWeeks: form.get("repeatWeeks") || "1",
    date: form.get("date") ?? "",
    from: form.get("from") ?? "",
    until: form.get("until") ?? "",
  };
}

export const kioskSchema = z.object({
  entranceId: z.string().uuid("access:errors.entrance"),
  name: z.string().trim().min(1, "access:errors.kioskName").max(100),
  mode: z.enum(["entry", "exit"], { errorMap: () => ({ message: "access:errors.kioskMode" }) }),
});

export const scanSchema = z.object({ code: z.string().min(1, "access:kiosk.errors.code").max(1000, "access:kiosk.errors.code") });

/** What an admin states about a building; empty fields mean "not stated" and show nothing. */
export const buildingInfoSchema = z.object({
  buildingId: z.string().uuid("common:errors.notFound.title"),
  address: z.string().trim().max(300).default(""),
  openingHours: z.string().trim().max(1000).default(""),
  accessibility: z.string().trim().max(2000).default(""),
});
/** The entrance page's three forms (issue 19); the link is the pass or visit link the visitor holds. */
const visitorLink = z.string().trim().max(500);
export const entranceActionSchema = z.discriminatedUnion("_intent", [
  z.object({ _intent: z.literal("checkin"), link: visitorLink.min(1, "access:entrance.errors.link") }),
  z.object({
    _intent: z.literal("walkin"),
    name: z.string().trim().min(1, "access:entrance.errors.name").max(200, "access:entrance.errors.name"),
    hostId: z.union([z.literal("reception"), z.string().uuid()], { errorMap: () => ({ message: "access:entrance.errors.host" }) }),
    purpose: z.string().trim().min(1, "access:entrance.errors.purpose").max(500, "access:entrance.errors.purpose"),
    privacy: z.literal("on", { errorMap: () => ({ message: "access:entrance.errors.privacy" }) }),
  }),
  z.object({ _intent: z.literal("checkout"), link: visitorLink.optional().default("") }),
]);
export const posterCodeParams = z.object({ code: z.string().regex(/^[A-Za-z0-9_-]{22}$/) });
