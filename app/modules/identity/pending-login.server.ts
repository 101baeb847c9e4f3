import { createCookie } from "@remix-run/node";
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

export type PendingLogin = { email: string; redirectTo: string };

export async function readPendingLogin(request: Request): Promise<PendingLogin | null> {
  const value = await pendingLoginCookie().parse(request.headers.get("Cookie"));
  return value && typeof value.email === "string" ? (value as PendingLogin) : null;
}
