import { residentOfCase } from "~/modules/cases/directory.server";
import { findResidents } from "~/modules/identity/directory.server";
import type { CurrentUser } from "~/modules/identity/users.server";
import { DomainError } from "~/modules/platform/errors";
import { can } from "~/modules/identity/permissions";

/**
 * Who may look residents up and open their file: the front office (and admins). The back
 * office is refused on purpose: it sees a resident only through the cases it handles
 * (data minimisation), so a back-office-only account gets 403 here.
 */
export const canViewResidents = (actor: CurrentUser) => can(actor, "residents.serve");

export function assertCanViewResidents(actor: CurrentUser) {
  if (!canViewResidents(actor)) throw new DomainError("FORBIDDEN", "common:errors.forbidden.title");
}

export type ResidentHit = { id: string; name: string; email: string | null; phone: string | null; claimed: boolean; matchedCase: string | null };

const REFERENCE = /^MEC-\d{4}-\d{6}$/i;
const MAX_RESULTS = 25;

/** What kind of key the agent typed: a case reference, an e-mail address, a phone number or a name. */
export function searchKind(q: string): "reference" | "email" | "phone" | "name" | "tooShort" {
  const s = q.trim();
  if (REFERENCE.test(s)) return "reference";
  if (s.includes("@")) return "email";
  const digits = s.replace(/[^0-9]/g, "");
  if (/^[+0-9 ()./-]+$/.test(s) && digits.length >= 8) return "phone";
  if (s.length < 2) return "tooShort";
  return "name";
}

/** Finds residents by name, e-mail, phone or case reference. Only people with the resident role. */
export async function searchResidents(actor: CurrentUser, query: string): Promise<{ kind: ReturnType<typeof searchKind>; results: ResidentHit[] }> {
  assertCanViewResidents(actor);
  const q = query.replace(/\s+/g, " ").trim().slice(0, 120);
  const kind = searchKind(q);
  if (kind === "tooShort") return { kind, results: [] };
  if (kind === "reference") {
    const row = await residentOfCase(q.toUpperCase());
    return { kind, results: row ? [{ ...hit(row), matchedCase: row.reference }] : [] };
  }
  // Every word must occur in the name, in any order ("peeters an" finds An Peeters).
  const rows = await findResidents(kind, q, MAX_RESULTS);
  return { kind, results: rows.map(hit) };
}

const hit = (r: { id: string; name: string; email: string | null; phone: string | null; claimedAt: Date | null }): ResidentHit => ({
  id: r.id,
  name: r.name,
  email: r.email,
  phone: r.phone,
  claimed: r.claimedAt !== null,
  matchedCase: null,
});
