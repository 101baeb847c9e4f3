import { desc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outbox, sessions, users } from "../../../db/schema";
import { db } from "../../../app/utils/db.server";
import { cookieJar, startTestServer } from "../../setup/http-server";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function lastCode(to: string) {
  const [mail] = await db.select().from(outbox).where(eq(outbox.toAddress, to)).orderBy(desc(outbox.createdAt)).limit(1);
  return mail.text.match(/\b(\d{6})\b/)![1];
}

describe("a resident over real HTTP", () => {
  it("registers, logs in with the mailed code, sees their page and logs out everywhere", async () => {
    const jar = cookieJar();
    const reg = await server.post("/registreren", { name: "Sara El Amrani", email: "sara@example.com", preferredLanguage: "nl", preferredChannel: "email", redirectTo: "/mijn" });
    expect(reg.status).toBe(302);
    expect(reg.headers.get("Location")).toBe("/aanmelden/code");
    jar.store(reg);

    const codePage = await server.get("/aanmelden/code", { Cookie: jar.header() });
    expect(await codePage.text()).toContain("sara@example.com");

    const login = await server.post("/aanmelden/code", { code: await lastCode("sara@example.com") }, { Cookie: jar.header() });
    expect(login.status).toBe(302);
    expect(login.headers.get("Location")).toBe("/mijn");
    const sessionCookie = login.headers.getSetCookie().find((c) => c.startsWith("__mechelaar_session="))!;
    expect(sessionCookie).toMatch(/HttpOnly/i);
    expect(sessionCookie).toMatch(/SameSite=Lax/i);
    expect(sessionCookie).not.toMatch(/Secure/i); // only in production, see cookie-production.test.ts
    jar.store(login);

    const mine = await server.get("/mijn", { Cookie: jar.header() });
    expect(mine.status).toBe(200);
    expect(await mine.text()).toContain("Dag Sara El Amrani");

    const staffPage = await server.get("/werk", { Cookie: jar.header() });
    expect(staffPage.status).toBe(403);
    expect(await staffPage.text()).toContain("U mag deze pagina niet zien");

    const out = await server.post("/afmelden", { everywhere: "1" }, { Cookie: jar.header() });
    expect(out.status).toBe(302);
    const [{ n }] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(sessions)
      .where(sql`${sessions.userId} is not null`);
    expect(n).toBe(0);
    const after = await server.get("/mijn", { Cookie: jar.header() });
    expect(after.status).toBe(302);
    expect(after.headers.get("Location")).toBe("/aanmelden?redirectTo=%2Fmijn");
  });

  it("treats an expired session or a deactivated account as signed out", async () => {
    const signIn = async (email: string) => {
      const jar = cookieJar();
      jar.store(await server.post("/registreren", { name: "Lies", email, preferredLanguage: "nl", preferredChannel: "email", redirectTo: "/mijn" }));
      jar.store(await server.post("/aanmelden/code", { code: await lastCode(email) }, { Cookie: jar.header() }));
      expect((await server.get("/mijn", { Cookie: jar.header() })).status).toBe(200);
      return jar;
    };
    const expired = await signIn("lies.verlopen@example.com");
    const [lies] = await db.select().from(users).where(eq(users.email, "lies.verlopen@example.com"));
    await db
      .update(sessions)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(sessions.userId, lies.id));
    const afterExpiry = await server.get("/mijn", { Cookie: expired.header() });
    expect(afterExpiry.status).toBe(302);
    expect(afterExpiry.headers.get("Location")).toBe("/aanmelden?redirectTo=%2Fmijn");

    const deactivated = await signIn("lies.gestopt@example.com");
    await db.update(users).set({ active: false }).where(eq(users.email, "lies.gestopt@example.com"));
    const afterStop = await server.get("/mijn", { Cookie: deactivated.header() });
    expect(afterStop.status).toBe(302);
    expect(afterStop.headers.get("Location")).toBe("/aanmelden?redirectTo=%2Fmijn");
  });

  it("keeps redirectTo on the site", async () => {
    for (const evil of ["https://evil.example", "//evil.example/x", "/\\evil.example"]) {
      const page = await (await server.get(`/aanmelden?redirectTo=${encodeURIComponent(evil)}`)).text();
      expect(page).toContain('name="redirectTo" value="/mijn"');
    }
    const jar = cookieJar();
    jar.store(await server.post("/registreren", { name: "Tom", email: "tom@example.com", preferredLanguage: "nl", preferredChannel: "email", redirectTo: "https://evil.example" }));
    const login = await server.post("/aanmelden/code", { code: await lastCode("tom@example.com") }, { Cookie: jar.header() });
    expect(login.headers.get("Location")).toBe("/mijn");
    const lang = await server.post("/taal", { lng: "fr", redirectTo: "https://evil.example/steal" });
    expect(lang.headers.get("Location")).toBe("/");
  });

  it("refuses a POST from a foreign Origin, or with no origin at all", async () => {
    const foreign = await server.post("/aanmelden", { email: "x@example.com" }, { Origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    const none = await fetch(`${server.baseUrl}/aanmelden`, { method: "POST", redirect: "manual", body: new URLSearchParams({ email: "x@example.com" }) });
    expect(none.status).toBe(403);
    const own = await server.post("/aanmelden", { email: "x@example.com" });
    expect(own.status).toBe(302);
  });

  it("shows every error, keeps what was typed and never echoes a password", async () => {
    const res = await server.post("/registreren", { name: "Jan Jansen", email: "niet-een-adres", preferredLanguage: "nl" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Er is een probleem");
    expect(html).toContain('href="#email"');
    expect(html).toContain("Vul een juist e-mailadres in");
    expect(html).toContain("Kies hoe u berichten wilt krijgen.");
    expect(html).toContain('value="Jan Jansen"');
    expect(html).toContain('value="niet-een-adres"');

    const staff = await server.post("/medewerkers/aanmelden", { email: "iemand@example.com", password: "geheim-wachtwoord-123" });
    expect(staff.status).toBe(400);
    const staffHtml = await staff.text();
    expect(staffHtml).toContain("Het e-mailadres of het wachtwoord klopt niet.");
    expect(staffHtml).not.toContain("geheim-wachtwoord-123");
  });
});
