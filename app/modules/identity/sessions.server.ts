import { randomBytes } from "node:crypto";
import { createCookie, createSessionStorage, type Cookie, type Session } from "@remix-run/node";
import { eq, lt, sql } from "drizzle-orm";
import { loginCodes, sessions, type AssuranceLevel, type AuthMethod, type SecondFactor } from "../../../db/schema";
import { db } from "~/utils/db.server";
import { env, isProduction } from "~/utils/env.server";

import { SESSION_COOKIE } from "./session-cookie";

export { SESSION_COOKIE };
const RESIDENT_SESSION_SECONDS = 60 * 60 * 24 * 7;
const STAFF_SESSION_SECONDS = 60 * 60 * 12;

/** How a session was made; stored in its own columns, which decide what rights it carries. */
export type SessionAuth = { method: AuthMethod; assurance: AssuranceLevel; secondFactor: SecondFactor | null };
export const EMAIL_CODE_AUTH: SessionAuth = { method: "email-code", assurance: "low", secondFactor: null };
/** A password alone is low assurance; with a second factor it is substantial (eIDAS). */
export const staffPasswordAuth = (secondFactor: SecondFactor | null): SessionAuth => ({
  method: "staff-password",
  assurance: secondFactor ? "substantial" : "low",
  secondFactor,
});

type SessionData = { userId: string; auth?: SessionAuth };
type FlashData = { flash: string };

let storage: ReturnType<typeof makeStorage> | undefined;
let cookie: Cookie | undefined;

function sessionCookie() {
  cookie ??= createCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: "lax",
    secure: isProduction(),
    path: "/",
    // The first secret signs; the others still verify, so secrets can be rotated without logging everyone out.
    secrets: env().SESSION_SECRETS,
  });
  return cookie;
}

function makeStorage() {
  return createSessionStorage<SessionData, FlashData>({
    cookie: sessionCookie(),
    async createData(data, expires) {
      const id = randomBytes(32).toString("base64url");
      const { auth = EMAIL_CODE_AUTH, ...rest } = data as Partial<SessionData & FlashData>;
      await db.insert(sessions).values({
        id,
        userId: (data.userId as string | undefined) ?? null,
        data: rest,
        authMethod: auth.method,
        assurance: auth.assurance,
        secondFactor: auth.secondFactor,
        expiresAt: expires ?? new Date(Date.now() + RESIDENT_SESSION_SECONDS * 1000),
      });
      return id;
    },
    async readData(id) {
      const [row] = await db.select().from(sessions).where(eq(sessions.id, id));
      if (!row || row.expiresAt.getTime() < Date.now()) return null;
      return row.data as Partial<SessionData & FlashData>;
    },
    async updateData(id, data, expires) {
      // How a session was made is fixed when it is created: an update never changes it.
      const { auth: _auth, ...rest } = data as Partial<SessionData & FlashData>;
      await db
        .update(sessions)
        .set({
          data: rest,
          userId: (data.userId as string | undefined) ?? null,
          ...(expires ? { expiresAt: expires } : {}),
        })
        .where(eq(sessions.id, id));
    },
    async deleteData(id) {
      await db.delete(sessions).where(eq(sessions.id, id));
    },
  });
}

export function sessionStorage() {
  storage ??= makeStorage();
  return storage;
}

/** The session id a request's signed cookie carries (not checked against the database). */
export async function sessionIdOf(request: Request): Promise<string | undefined> {
  const id: unknown = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof id === "string" && id ? id : undefined;
}

export function getSession(request: Request) {
  return sessionStorage().getSession(request.headers.get("Cookie"));
}

export async function commitSession(session: Session<SessionData, FlashData>, staff = false) {
  const maxAge = staff ? STAFF_SESSION_SECONDS : RESIDENT_SESSION_SECONDS;
  return sessionStorage().commitSession(session, { maxAge, expires: new Date(Date.now() + maxAge * 1000) });
}

/**
 * Starts a fresh session (a new id, so a session id seen before login is worthless after it),
 * recording how it was made. `true`/`false` are short for a staff password login without a
 * second factor and a resident e-mail code (tests use them).
 */
export async function startUserSession(request: Request, userId: string, how: SessionAuth | boolean): Promise<string> {
  const auth = how === true ? staffPasswordAuth(null) : how === false ? EMAIL_CODE_AUTH : how;
  const old = await getSession(request);
  if (old.id) await sessionStorage().destroySession(old);
  const session = await sessionStorage().getSession();
  session.set("userId", userId);
  session.set("auth", auth);
  return commitSession(session, auth.method === "staff-password" || auth.method === "staff-oidc");
}

export async function endSession(request: Request): Promise<string> {
  const session = await getSession(request);
  return sessionStorage().destroySession(session);
}

/** "Log out on all devices". */
export async function revokeAllSessions(userId: string) {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

export async function countActiveSessions(userId: string) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(sessions)
    .where(sql`${sessions.userId} = ${userId} and ${sessions.expiresAt} > now()`);
  return row?.n ?? 0;
}

export async function pruneExpiredAuth() {
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
  await db.delete(loginCodes).where(lt(loginCodes.expiresAt, new Date(Date.now() - 24 * 3600 * 1000)));
}
