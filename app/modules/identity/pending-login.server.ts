import { createCookie, redirect } from "@remix-run/node";
import { env, isProduction } from "~/utils/env.server";

/** Remembers, for 15 minutes, which address a code was sent to and where to go afterwards. */
let cookie: ReturnType<typeof createCookie> | undefined;
export function pendingLoginCookie() {
  cookie ??= createCookie("__mechelaar_pending_login", {
    httpOnly: true,
    sameSite: "lax",
    secure: isProduction(),
    path: "/aanmelden",
    maxAge: 15 * 60,
    secrets: env().SESSION_SECRETS,
  });
  return cookie;
}

/** `registering`: the code was asked for on /registreren, so the code page speaks to a new registrant. */
export type PendingLogin = { email: string; redirectTo: string; registering?: boolean };

export async function readPendingLogin(request: Request): Promise<PendingLogin | null> {
  const value = await pendingLoginCookie().parse(request.headers.get("Cookie"));
  return value && typeof value.email === "string" ? (value as PendingLogin) : null;
}

/**
 * A staff login between the password and the second factor (or its first set-up). It is no
 * session and carries no rights: it only lets the same browser take the next step, for ten
 * minutes (checked against the time inside the signed value, not only the cookie's age).
 */
export const PENDING_STAFF_LOGIN_SECONDS = 10 * 60;
export type PendingStaffLogin = { userId: string; step: "second-factor" | "enrol"; redirectTo: string; at: number };

let staffCookie: ReturnType<typeof createCookie> | undefined;
export function pendingStaffLoginCookie() {
  staffCookie ??= createCookie("__mechelaar_pending_staff_login", {
    httpOnly: true,
    sameSite: "lax",
    secure: isProduction(),
    path: "/medewerkers",
    maxAge: PENDING_STAFF_LOGIN_SECONDS,
    secrets: env().SESSION_SECRETS,
  });
  return staffCookie;
}

export const startPendingStaffLogin = (userId: string, step: PendingStaffLogin["step"], redirectTo: string) =>
  pendingStaffLoginCookie().serialize({ userId, step, redirectTo, at: Date.now() } satisfies PendingStaffLogin);

export const clearPendingStaffLogin = () => pendingStaffLoginCookie().serialize("", { maxAge: 0 });

export async function readPendingStaffLogin(request: Request, step: PendingStaffLogin["step"]): Promise<PendingStaffLogin | null> {
  const value: unknown = await pendingStaffLoginCookie().parse(request.headers.get("Cookie"));
  if (!value || typeof value !== "object") return null;
  const pending = value as Partial<PendingStaffLogin>;
  if (typeof pending.userId !== "string" || pending.step !== step || typeof pending.redirectTo !== "string" || typeof pending.at !== "number") return null;
  if (Date.now() - pending.at > PENDING_STAFF_LOGIN_SECONDS * 1000 || pending.at > Date.now() + 60_000) return null;
  return pending as PendingStaffLogin;
}

/** Route guard of the steps after the password: the pending login, or back to the login page. */
export async function requirePendingStaffLogin(request: Request, step: PendingStaffLogin["step"]): Promise<PendingStaffLogin> {
  const pending = await readPendingStaffLogin(request, step);
  if (!pending) throw redirect("/medewerkers/aanmelden");
  return pending;
}
