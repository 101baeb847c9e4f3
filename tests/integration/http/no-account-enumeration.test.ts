import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loginCodes, outbox, users } from "../../../db/schema";
import { db } from "../../../app/utils/db.server";
import { ensureResident, ensureStaff } from "../../factories/identity";
import { cookieJar, startTestServer } from "../../setup/http-server";
import { cookieNames } from "./staff-login-support";

// Every request comes from 127.0.0.1: the per-address limits must not get in the way here.
process.env.RATE_LIMIT_LOGIN_PER_IP = "1000";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** A response as an outsider sees it, with the address typed in (and any per-response nonce) taken out. */
async function seen(res: Response, email: string) {
  const body = (await res.text()).replaceAll(email, "ADDRESS").replace(/ nonce="[^"]*"/g, "");
  return { status: res.status, location: res.headers.get("Location"), cookies: cookieNames(res), retryAfter: res.headers.get("Retry-After"), body };
}

/** What the code page then shows and answers to a wrong code, for one address. */
async function codeJourney(start: Response, email: string) {
  const jar = cookieJar();
  jar.store(start);
  const page = await server.get("/aanmelden/code", { Cookie: jar.header() });
  const wrong = await server.post("/aanmelden/code", { code: "000001" }, { Cookie: jar.header() });
  return { start: await seen(start, email), page: await seen(page, email), wrong: await seen(wrong, email) };
}

describe("no answer tells whether an address has an account", () => {
  it("the resident login answers alike for a resident, a staff member and an unknown address, and mails only the resident", async () => {
    await ensureResident(db, { email: "bewoner.enum@example.com" });
    await ensureStaff(db, { email: "medewerker.enum@example.com", roles: ["admin"] });
    const journeys = [];
    for (const email of ["bewoner.enum@example.com", "medewerker.enum@example.com", "onbekend.enum@example.com"]) {
      journeys.push(await codeJourney(await server.post("/aanmelden", { email, redirectTo: "/mijn" }), email));
    }
    expect(journeys[0].start).toMatchObject({ status: 302, location: "/aanmelden/code" });
    expect(journeys[0].wrong.status).toBe(400);
    expect(journeys[0].wrong.body).toContain("Deze code klopt niet of werkt niet meer.");
    expect(journeys[1]).toEqual(journeys[0]);
    expect(journeys[2]).toEqual(journeys[0]);
    const mailed = await db.select({ to: outbox.toAddress }).from(outbox);
    expect(mailed.map((m) => m.to)).toEqual(["bewoner.enum@example.com"]);
  });

  it("registering answers alike for a new address, a resident and a staff member; a staff account is left alone", async () => {
    await ensureResident(db, { email: "al.bewoner@example.com" });
    const staff = await ensureStaff(db, { email: "al.medewerker@example.com", roles: ["backoffice"], name: "Echte Naam" });
    const journeys = [];
    for (const email of ["nieuw.reg@example.com", "al.bewoner@example.com", "al.medewerker@example.com"]) {
      const res = await server.post("/registreren", { name: "Iemand", email, preferredLanguage: "nl", preferredChannel: "email", redirectTo: "/mijn" });
      journeys.push(await codeJourney(res, email));
    }
    expect(journeys[0].start).toMatchObject({ status: 302, location: "/aanmelden/code" });
    expect(journeys[1]).toEqual(journeys[0]);
    expect(journeys[2]).toEqual(journeys[0]);
    const [after] = await db.select().from(users).where(eq(users.id, staff.id));
    expect({ name: after.name, roles: after.roles }).toEqual({ name: "Echte Naam", roles: ["backoffice"] });
    expect(await db.select().from(outbox).where(eq(outbox.toAddress, "al.medewerker@example.com"))).toHaveLength(0);
    expect(await db.select().from(loginCodes).where(eq(loginCodes.userId, staff.id))).toHaveLength(0);
  });

  it("the code form gives one answer for a wrong, an expired, an over-tried code and an unknown address", async () => {
    await ensureResident(db, { email: "code.enum@example.com" });
    const answer = async (email: string, code: string) => seen(await server.post("/aanmelden/code", { email, code }), email);
    await server.post("/aanmelden", { email: "code.enum@example.com", redirectTo: "/mijn" });
    const [mail] = await db.select().from(outbox).where(eq(outbox.toAddress, "code.enum@example.com"));
    const code = mail.text.match(/\b(\d{6})\b/)![1];
    const wrongCode = code === "000001" ? "000002" : "000001";

    const unknown = await answer("niemand.enum@example.com", wrongCode);
    expect(unknown.status).toBe(400);
    expect(unknown.body).toContain("Deze code klopt niet of werkt niet meer.");
    expect(await answer("code.enum@example.com", wrongCode)).toEqual(unknown);
    for (let i = 0; i < 4; i++) await answer("code.enum@example.com", wrongCode);
    // Five wrong tries: now even the right code gets the same answer as an unknown address.
    expect(await answer("code.enum@example.com", code)).toEqual(unknown);
    await db.execute(sql`update login_codes set attempts = 0, expires_at = now() - interval '1 second'`);
    expect(await answer("code.enum@example.com", code)).toEqual(unknown);
  });

  it("the staff login answers alike for an unknown address, a wrong password and a resident's address", async () => {
    await ensureStaff(db, { email: "wachtwoord.enum@example.com", roles: ["editor"] });
    await ensureResident(db, { email: "bewoner.wachtwoord@example.com" });
    const answer = async (email: string) => seen(await server.post("/medewerkers/aanmelden", { email, password: "Niet-het-wachtwoord-1", redirectTo: "/werk" }), email);
    const unknown = await answer("niemand.wachtwoord@example.com");
    expect(unknown.status).toBe(400);
    expect(unknown.body).toContain("Het e-mailadres of het wachtwoord klopt niet.");
    expect(await answer("wachtwoord.enum@example.com")).toEqual(unknown);
    expect(await answer("bewoner.wachtwoord@example.com")).toEqual(unknown);
  });
});
