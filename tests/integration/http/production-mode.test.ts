import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../app/utils/db.server";
import { ensureResident } from "../../factories/identity";
import { cookieJar, startTestServer } from "../../setup/http-server";

// This file runs the portal as in production (its own process, its own database).
process.env.NODE_ENV = "production";
process.env.SESSION_SECRET = "a-production-secret-of-at-least-32-characters";
process.env.SMTP_URL = "smtp://127.0.0.1:1";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("in production", () => {
  it("marks the session cookie Secure, HttpOnly and SameSite=Lax", async () => {
    await ensureResident(db, { email: "prod@example.com" });
    const jar = cookieJar();
    jar.store(await server.post("/aanmelden", { email: "prod@example.com" }));
    const { outbox } = await import("../../../db/schema");
    const [mail] = await db.select().from(outbox);
    const res = await server.post("/aanmelden/code", { code: mail.text.match(/\b(\d{6})\b/)![1] }, { Cookie: jar.header() });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("__mechelaar_session="))!;
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it("hides the development mailbox", async () => {
    expect((await server.get("/dev/mailbox")).status).toBe(404);
    expect(await (await server.get("/")).text()).not.toContain("/dev/mailbox");
  });
});
