import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outbox } from "../../../db/schema";
import { db } from "../../../app/utils/db.server";
import { ensureResident, ensureStaff } from "../../factories/identity";
import { cookieJar, startTestServer } from "../../setup/http-server";

// Issue 12 item 4: targets that a browser normalises to "//evil.example".
const HOSTILE = ["/.//evil.example", "/%2e//evil.example", "/a/..//evil.example", "/.\\/evil.example", "/%2e%2e/\t/evil.example"];

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** Where a browser would go with this answer's Location header. */
function landing(res: Response) {
  const location = res.headers.get("Location");
  expect(location, "a redirect").toBeTruthy();
  expect(location!.startsWith("//")).toBe(false);
  return new URL(location!, server.baseUrl);
}

async function lastCode(to: string) {
  const [mail] = await db.select().from(outbox).where(eq(outbox.toAddress, to)).orderBy(desc(outbox.createdAt)).limit(1);
  return mail.text.match(/\b(\d{6})\b/)![1];
}

describe("redirects after a login stay on the portal", () => {
  it.each(HOSTILE)("resident code login with redirectTo=%j", async (target) => {
    const email = `redir-${Math.random().toString(36).slice(2)}@example.com`;
    await ensureResident(db, { email });
    const jar = cookieJar();
    jar.store(await server.post("/aanmelden", { email, redirectTo: target }));
    const login = await server.post("/aanmelden/code", { code: await lastCode(email) }, { Cookie: jar.header() });
    expect(login.status).toBe(302);
    const to = landing(login);
    expect(to.origin).toBe(server.baseUrl);
    expect(to.pathname).toBe("/mijn");
    jar.store(login);

    // Signed in, the login page sends a resident straight on: again only on the portal.
    const again = await server.get(`/aanmelden?redirectTo=${encodeURIComponent(target)}`, { Cookie: jar.header() });
    expect(again.status).toBe(302);
    expect(landing(again).origin).toBe(server.baseUrl);
  });

  it.each(HOSTILE)("staff login with redirectTo=%j", async (target) => {
    const email = `staff-${Math.random().toString(36).slice(2)}@example.com`;
    await ensureStaff(db, { email, roles: ["backoffice"] });
    const jar = cookieJar();
    const login = await server.post("/medewerkers/aanmelden", { email, password: "Correct-horse-battery-1", redirectTo: target });
    expect(login.status).toBe(302);
    expect(landing(login).origin).toBe(server.baseUrl);
    jar.store(login);
    const again = await server.get(`/medewerkers/aanmelden?redirectTo=${encodeURIComponent(target)}`, { Cookie: jar.header() });
    if (again.status === 302) expect(landing(again).origin).toBe(server.baseUrl);
    else expect(again.status).toBe(200);
  });

  it.each(HOSTILE)("the language switch with redirectTo=%j", async (target) => {
    const res = await server.post("/taal", { lng: "en", redirectTo: target });
    expect(res.status).toBe(302);
    expect(landing(res).origin).toBe(server.baseUrl);
  });

  it("keeps an ordinary target, normalised", async () => {
    const res = await server.post("/taal", { lng: "fr", redirectTo: "/mikipedia/./zoeken?q=a" });
    expect(res.headers.get("Location")).toBe("/mikipedia/zoeken?q=a");
  });
});
