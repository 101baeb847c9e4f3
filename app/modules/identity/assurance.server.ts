import { ASSURANCE_LEVELS, type AssuranceLevel } from "../../../db/schema";
import { DomainError } from "~/modules/platform/errors";
import type { CurrentUser } from "./users.server";

/**
 * Levels of assurance (eIDAS): an e-mail code is low, itsme/eID substantial or high. A service
 * declares the level a resident's session needs to submit a request online; a lower session is
 * asked to log in with itsme/eID first (docs/decisions/018-identity-oidc.md).
 */
export { ASSURANCE_LEVELS, type AssuranceLevel };

const RANK: Record<AssuranceLevel, number> = { low: 0, substantial: 1, high: 2 };

export const meetsAssurance = (have: AssuranceLevel, need: AssuranceLevel) => RANK[have] >= RANK[need];

/** The level of the user's current session (low when unknown). */
export const sessionAssurance = (user: CurrentUser): AssuranceLevel => user.session?.assurance ?? "low";

/** Whether this resident must log in with itsme/eID before submitting; and where that login starts. */
export function stepUpFor(user: CurrentUser, need: AssuranceLevel, returnTo: string): { needed: false } | { needed: true; href: string } {
  if (meetsAssurance(sessionAssurance(user), need)) return { needed: false };
  return { needed: true, href: `/aanmelden/eid?redirectTo=${encodeURIComponent(returnTo)}` };
}

/** Refuses a submission from a session below the service's level, with a message that says what to do. */
export function assertAssurance(user: CurrentUser, need: AssuranceLevel) {
  if (!meetsAssurance(sessionAssurance(user), need)) {
    throw new DomainError("UNAUTHENTICATED", "cases:errors.assuranceTooLow", { required: need });
  }
}
