import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, cases, contactMomentArticles, contactMoments, outbox, users } from "../../../db/schema";
import { definitionBySlug } from "../../../app/modules/cases/definitions.server";
import { startUserSession } from "../../../app/modules/identity/sessions.server";
import { db } from "../../../app/utils/db.server";
import { runSeeds } from "../../../seeds/run";
import { validPost } from "../../factories/cases";
import { ensureResident, ensureStaff } from "../../factories/identity";
import { cookieJar, startTestServer } from "../../setup/http-server";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  await runSeeds(db, { demo: false, production: false });
  server = await startTestServer();
});
afterAll(() => server.close());

async function sessionFor(userId: string, staff: boolean) {
  return (await startUserSession(new Request("http://portal.test/"), userId, staff)).split(";")[0];
}

/** A form post with repeated names (checkboxes), as a browser without JavaScript sends it. */
function postForm(path: string, cookie: string, values: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  return fetch(server.baseUrl + path, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: server.baseUrl, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });
}

describe("the 360° view over HTTP", () => {
  it("lets the front office search and open a file (audited each time); residents and the back office get 403", async () => {
    const agent = await ensureStaff(db, { email: "http-agent@example.com", roles: ["frontoffice"] });
    const back = await ensureStaff(db, { email: "http-back@example.com", roles: ["backoffice"] });
    const person = await ensureResident(db, { name: "Hanne Http", email: "hanne@example.com" });
    const cookie = await sessionFor(agent.id, true);

    const search = await server.get("/werk/bewoners?q=hanne%40example.com", { Cookie: cookie });
    expect(search.status).toBe(200);
    const html = await search.text();
    expect(html).toContain(`href="/werk/bewoners/${person.id}"`);
    expect(html).toContain("1 bewoner gevonden");

    for (let i = 0; i < 2; i++) {
      const file = await server.get(`/werk/bewoners/${person.id}`, { Cookie: cookie });
      expect(file.status).toBe(200);
      expect(await file.text()).toContain("Bewoner: Hanne Http");
    }
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectUserId, person.id), eq(auditLog.action, "resident.file.opened")));
    expect(audits).toHaveLength(2);

    for (const who of [await sessionFor(person.id, false), await sessionFor(back.id, true)]) {
      expect((await server.get(`/werk/bewoners/${person.id}`, { Cookie: who })).status).toBe(403);
      expect((await server.get("/werk/bewoners?q=hanne", { Cookie: who })).status).toBe(403);
      expect((await server.get("/werk/contacten/nieuw", { Cookie: who })).status).toBe(403);
    }
    expect(
      await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.subjectUserId, person.id), eq(auditLog.action, "resident.file.opened"))),
    ).toHaveLength(2);
    const anonymous = await server.get(`/werk/bewoners/${person.id}`);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/medewerkers\/aanmelden/);
  });

  it("registers a contact without JavaScript: the article search re-renders the form and keeps what was typed", async () => {
    const agent = await ensureStaff(db, { email: "form-agent@example.com", roles: ["frontoffice"] });
    const person = await ensureResident(db, { name: "Frans Formulier", email: "frans@example.com" });
    const cookie = await sessionFor(agent.id, true);

    const searched = await postForm("/werk/contacten/nieuw", cookie, {
      residentId: person.id,
      channel: "phone",
      subject: "Parkeren bij mij thuis",
      summary: "Vraag over de kaart",
      q: "bewonerskaart",
      _intent: "search",
    });
    expect(searched.status).toBe(200);
    const page = await searched.text();
    expect(page).toContain('value="Parkeren bij mij thuis"');
    expect(page).toContain("Vraag over de kaart");
    expect(page).toMatch(/name="articles"[^>]*value="bewonerskaart-parkeren"|value="bewonerskaart-parkeren"[^>]*name="articles"/);

    const missing = await postForm("/werk/contacten/nieuw", cookie, { residentId: person.id, channel: "phone", subject: "", articles: "bewonerskaart-parkeren", _intent: "save" });
    expect(missing.status).toBe(400);
    const errorPage = await missing.text();
    expect(errorPage).toContain("Vul het onderwerp in.");
    expect(errorPage).toContain("Kies het resultaat.");
    // The ticked article is still there and still ticked.
    const box = errorPage.match(/<input[^>]*value="bewonerskaart-parkeren"[^>]*>/)![0];
    expect(box).toContain('name="articles"');
    expect(box).toContain("checked");

    const saved = await postForm("/werk/contacten/nieuw", cookie, {
      residentId: person.id,
      channel: "phone",
      subject: "Parkeren",
      outcome: "answered",
      articles: "bewonerskaart-parkeren",
      _intent: "save",
    });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe(`/werk/bewoners/${person.id}?opgeslagen=1`);
    const [moment] = await db.select().from(contactMoments).where(eq(contactMoments.residentId, person.id));
    expect(moment).toMatchObject({ channel: "phone", outcome: "answered", staffId: agent.id });
    expect(await db.select().from(contactMomentArticles).where(eq(contactMomentArticles.contactMomentId, moment.id))).toHaveLength(1);
    const file = await (await server.get(saved.headers.get("Location")!, { Cookie: cookie })).text();
    expect(file).toContain("Het contact is opgeslagen.");
    expect(file).toContain("Parkeren");

    const anon = await postForm("/werk/contacten/nieuw", cookie, { channel: "counter", subject: "Waar is het stadhuis?", outcome: "answered", _intent: "save" });
    expect(anon.headers.get("Location")).toBe("/werk/contacten/nieuw?opgeslagen=1");
  });

  it("reads Enter without JavaScript as search while the Mikipedia box holds a new query, and as save otherwise", async () => {
    const agent = await ensureStaff(db, { email: "enter-agent@example.com", roles: ["frontoffice"] });
    const person = await ensureResident(db, { name: "Els Enter", email: "els@example.com" });
    const cookie = await sessionFor(agent.id, true);
    const filled = { residentId: person.id, channel: "phone", subject: "Parkeerkaart", outcome: "answered" };
    const count = async () => (await db.select().from(contactMoments).where(eq(contactMoments.residentId, person.id))).length;

    // Enter in the search box after typing a query: the articles are searched, nothing is saved.
    const search = await postForm("/werk/contacten/nieuw", cookie, { ...filled, q: "bewonerskaart", searched: "", _intent: "enter" });
    expect(search.status).toBe(200);
    const page = await search.text();
    expect(page).toContain('value="bewonerskaart-parkeren"');
    expect(page).toMatch(/name="searched" value="bewonerskaart"|value="bewonerskaart" name="searched"/);
    expect(await count()).toBe(0);

    // Enter again once that query was searched: the contact is saved.
    const saved = await postForm("/werk/contacten/nieuw", cookie, {
      ...filled,
      q: "bewonerskaart",
      searched: "bewonerskaart",
      articles: "bewonerskaart-parkeren",
      _intent: "enter",
    });
    expect(saved.status).toBe(302);
    expect(await count()).toBe(1);

    // With an empty search box, Enter saves too.
    const direct = await postForm("/werk/contacten/nieuw", cookie, { ...filled, q: "", searched: "", _intent: "enter" });
    expect(direct.status).toBe(302);
    expect(await count()).toBe(2);
  });
});

describe("intake at the counter and claiming the record", () => {
  it("an agent makes a record for someone without account, files a request; the person later logs in with that address and sees it", async () => {
    const agent = await ensureStaff(db, { email: "claim-agent@example.com", roles: ["frontoffice"] });
    const cookie = await sessionFor(agent.id, true);

    const bad = await postForm("/werk/bewoners/nieuw", cookie, { name: "Lena Loket", email: "", phone: "", preferredLanguage: "nl", preferredChannel: "email" });
    expect(bad.status).toBe(400);
    const badPage = await bad.text();
    expect(badPage).toContain("Vul een e-mailadres of een telefoonnummer in.");
    expect(badPage).toContain('value="Lena Loket"');

    const made = await postForm("/werk/bewoners/nieuw", cookie, {
      name: "Lena Loket",
      email: "Lena.Loket@example.com",
      phone: "",
      preferredLanguage: "nl",
      preferredChannel: "email",
    });
    expect(made.status).toBe(302);
    const residentId = made.headers.get("Location")!.match(/\/werk\/bewoners\/([0-9a-f-]{36})\?nieuw=1/)![1];
    const [record] = await db.select().from(users).where(eq(users.id, residentId));
    expect(record).toMatchObject({ email: "lena.loket@example.com", claimedAt: null, roles: ["resident"] });

    const def = (await definitionBySlug("vraag-aan-de-stad"))!;
    const form = await (await server.get(`/werk/bewoners/${residentId}/aanvraag/${def.slug}`, { Cookie: cookie })).text();
    const key = form.match(/name="_key" value="([^"]+)"/)![1];
    const filed = await postForm(`/werk/bewoners/${residentId}/aanvraag/${def.slug}`, cookie, {
      ...validPost(def.form.steps.flatMap((s) => s.fields)),
      _channel: "counter",
      _key: key,
    });
    expect(filed.status).toBe(302);
    const reference = filed.headers.get("Location")!.split("/").pop()!;
    expect(reference).toMatch(/^MEC-\d{4}-\d{6}$/);
    const confirmation = await (await server.get(filed.headers.get("Location")!, { Cookie: cookie })).text();
    expect(confirmation).toContain("De bewoner krijgt een bevestiging per e-mail op lena.loket@example.com.");
    const [c] = await db.select().from(cases).where(eq(cases.reference, reference));
    expect(c).toMatchObject({ residentId, createdById: agent.id, channel: "counter" });
    const mine = await (await server.get("/werk/ingediende-aanvragen", { Cookie: cookie })).text();
    expect(mine).toContain(reference);
    expect(mine).toContain("Lena Loket");

    // Lena logs in herself: the record made at the counter becomes her account.
    const jar = cookieJar();
    const ask = await server.post("/aanmelden", { email: "lena.loket@example.com", redirectTo: "/mijn/dossiers" });
    expect(ask.status).toBe(302);
    jar.store(ask);
    const [mail] = await db.select().from(outbox).where(eq(outbox.toAddress, "lena.loket@example.com")).orderBy(desc(outbox.createdAt)).limit(1);
    const code = mail.text.match(/\b(\d{6})\b/)![1];
    const login = await server.post("/aanmelden/code", { code }, { Cookie: jar.header() });
    expect(login.status).toBe(302);
    jar.store(login);
    const [claimed] = await db.select().from(users).where(eq(users.id, residentId));
    expect(claimed.claimedAt).not.toBeNull();
    expect(await db.select().from(users).where(eq(users.email, "lena.loket@example.com"))).toHaveLength(1);
    const dossiers = await server.get("/mijn/dossiers", { Cookie: jar.header() });
    expect(dossiers.status).toBe(200);
    expect(await dossiers.text()).toContain(reference);
  });
});
