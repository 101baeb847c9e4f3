const DAY_MS = 24 * 60 * 60 * 1000;

export const initialDueAt = (submittedAt: Date, normDays: number) => new Date(submittedAt.getTime() + normDays * DAY_MS);

/** While the city waits for the resident the clock stands still: the expected date moves with every day of waiting. */
export function expectedCompletion(c: { dueAt: Date; waitingSince: Date | null; closedAt: Date | null }, now = new Date()) {
  if (c.closedAt) return null;
  const paused = c.waitingSince ? Math.max(0, now.getTime() - c.waitingSince.getTime()) : 0;
  return new Date(c.dueAt.getTime() + paused);
}

/** The due date after the resident answered: pushed back by the time the clock stood still. */
export const resumedDueAt = (dueAt: Date, waitingSince: Date, now = new Date()) => new Date(dueAt.getTime() + Math.max(0, now.getTime() - waitingSince.getTime()));

export function referenceFor(year: number, n: number) {
  return `MEC-${year}-${String(n).padStart(6, "0")}`;
}

export function yearInBrussels(now = new Date()) {
  return Number(new Intl.DateTimeFormat("en", { timeZone: "Europe/Brussels", year: "numeric" }).format(now));
}
