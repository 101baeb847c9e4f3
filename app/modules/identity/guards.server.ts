import { redirect } from "@remix-run/node";
import type { Role } from "../../../db/schema";
import { sessionIdOf } from "./sessions.server";
import { loadSessionUser, type CurrentUser } from "./users.server";
import { staffSecondFactorRequired } from "~/utils/env.server";
import { safeRedirect } from "~/utils/safe-redirect";
import { noteRole } from "~/modules/platform/logger.server";
import { can, type Action } from "./permissions";

/** The signed-in person, or undefined. Cached per request object. */
const perRequest = new WeakMap<Request, Promise<CurrentUser | undefined>>();
export function getOptionalUser(request: Request): Promise<CurrentUser | undefined> {
  let found = perRequest.get(request);
  if (!found) {
    // Session and user in one query (the same test as the session storage's: unexpired).
    found = sessionIdOf(request)
      .then((sid) => (sid ? loadSessionUser(sid) : undefined))
      // The access log records the kind of user, never who (platform/logger.server.ts).
      .then((user) => (noteRole(user ? (user.isStaff ? "staff" : "resident") : "anonymous"), user));
    perRequest.set(request, found);
  }
  return found;
}

const STAFF_LOGIN = "/medewerkers/aanmelden";
const RESIDENT_LOGIN = "/aanmelden";

/**
 * The gate for every protected loader and action. Anonymous visitors are sent to the
 * right login page and brought back; a signed-in user without the role gets 403.
 */
export async function requireUser(request: Request, opts: { role?: Role | Role[]; staff?: boolean } = {}): Promise<CurrentUser> {
  const user = await getOptionalUser(request);
  const wanted = opts.role === undefined ? [] : Array.isArray(opts.role) ? opts.role : [opts.role];
  const staffArea = opts.staff || wanted.some((r) => r !== "resident");
  if (!user) {
    const url = new URL(request.url);
    const back = safeRedirect(`${url.pathname}${url.search}`, "/");
    throw redirect(`${staffArea ? STAFF_LOGIN : RESIDENT_LOGIN}?redirectTo=${encodeURIComponent(back)}`);
  }
  // Staff pages also need a session made by the staff login (its roles are already limited to
  // what the session may use, see rolesForSession; this says it once more where it matters).
  const staffSession = (user.session?.method === "staff-password" || user.session?.method === "staff-oidc") && user.isStaff;
  if (staffArea && user.session?.method === "staff-password" && !user.session.secondFactor && staffSecondFactorRequired()) {
    // A staff login that still lacks its required second factor: log in again, fully.
    const url = new URL(request.url);
    throw redirect(`${STAFF_LOGIN}?redirectTo=${encodeURIComponent(safeRedirect(`${url.pathname}${url.search}`, "/"))}`);
  }
  const allowed = (wanted.length === 0 || wanted.some((r) => user.roles.includes(r))) && (!opts.staff || staffSession);
  if (!allowed) throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  return user;
}

export const requireStaff = (request: Request, role?: Role | Role[]) => requireUser(request, { role, staff: true });

/**
 * The guard of every staff route: a staff session whose user `can` do the action (the one
 * permission model, permissions.ts). Anonymous → the staff login; otherwise 403.
 */
export async function requireStaffCan(request: Request, action: Action): Promise<CurrentUser> {
  const user = await requireUser(request, { staff: true });
  if (!can(user, action)) throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  return user;
}
