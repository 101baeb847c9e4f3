import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cases, outbox } from "../../../db/schema";
import { listRequestable } from "../../../app/modules/cases/definitions.server";
import { askResident } from "../../../app/modules/cases/staff.server";
import { startUserSession, type SessionAuth } from "../../../app/modules/identity/sessions.server";
import { db } from "../../../app/utils/db.server";
import { runSeeds } from "../../../seeds/run";
import { asActor, validPost } from "../../factories/cases";
import { ensureResident, ensureStaff } from "../../factories/identity";
import { startTestServer } from "../../setup/http-server";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  await runSeeds(db, { demo: false, production: false });
  server = await startTestServer();
});
afterAll(() => server.close());

async function loginAs(email: string, how: SessionAuth | false = false) {
  const user = await ensureResident(db, { email, name: `Bewoner ${email}` });
  const cookie = (await startUserSession(new Request("http://portal.test/"), user.id, how)).split(";")[0];
  return { user, cookie };
}

/** A multipart post as a browser without JavaScript sends it. */
function postForm(path: string, cookie: string, values: Record<string, string | string[]>, files: { field: string; name: string; bytes: Buffer; type?: string }[] = []) {
  const body = new FormData();
  for (const [k, v] of Object.entries(values)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  for (const f of files) body.append(f.field, new Blob([new Uint8Array(f.bytes)], { type: f.type ?? "application/octet-stream" }), f.name);
  return fetch(server.baseUrl + path, { method: "POST", redirect: "manual", headers: { Origin: server.baseUrl, Cookie: cookie }, body });
}

const pdf = Buffer.from("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");
const exe = Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00", "latin1"), Buffer.alloc(300)]);

async function fileRequest(slug: string, cookie: string) {
  const defs = await listRequestable();
  const def = defs.find((d) => d.slug === slug)!;
  for (let i = 0; i < def.form.steps.length; i++) {
    const res = await postForm(`/aanvragen/${slug}?stap=${i + 1}`, cookie, { ...validPost(def.form.steps[i].fields), _intent: "next" });
    expect(res.status, `${slug} step ${i + 1}: ${res.status === 400 ? await res.text() : ""}`).toBe(302);
  }
  const check = await server.get(`/aanvragen/${slug}/controleren`, { Cookie: cookie });
  expect(check.status).toBe(200);
  const html = await check.text();
  expect(html).toContain("Controleer uw antwoorden");
  const key = html.match(/name="idempotencyKey" value="([^"]+)"/)![1];
  const sent = await server.post(`/aanvragen/${slug}/controleren`, { idempotencyKey: key }, { Cookie: cookie });
  expect(sent.status).toBe(302);
  const again = await server.post(`/aanvragen/${slug}/controleren`, { idempotencyKey: key }, { Cookie: cookie });
  expect(again.headers.get("Location")).toBe(sent.headers.get("Location"));
  return sent.headers.get("Location")!.split("/").pop()!;
}

describe("requests over real HTTP, without JavaScript", () => {
  it("files every online service from form to confirmation, and shows it in Mijn dossiers", async () => {
    // Logged in with itsme/eID: some services (certificates) need it (docs/decisions/009).
    const { user, cookie } = await loginAs("alle@example.com", { method: "oidc", assurance: "substantial", secondFactor: null });
    const list = await (await server.get("/aanvragen")).text();
    const defs = await listRequestable();
    expect(defs.length).toBeGreaterThanOrEqual(8);
    const refs: string[] = [];
    for (const def of defs) {
      expect(list).toContain(`href="/aanvragen/${def.slug}"`);
      const ref = await fileRequest(def.slug, cookie);
      expect(ref).toMatch(/^MEC-\d{4}-\d{6}$/);
      const confirmation = await (await server.get(`/aanvragen/bevestiging/${ref}`, { Cookie: cookie })).text();
      expect(confirmation).toContain("Uw aanvraag is verstuurd");
      expect(confirmation).toContain(ref);
      refs.push(ref);
    }
    const mine = await (await server.get("/mijn/dossiers", { Cookie: cookie })).text();
    for (const ref of refs) expect(mine).toContain(ref);
    expect(mine).toContain("De datum is een schatting");
    const stored = await db.select().from(cases).where(eq(cases.residentId, user.id));
    expect(stored).toHaveLength(defs.length);
    expect(stored.every((c) => c.status === "ontvangen" && c.channel === "web")).toBe(true);
    expect(await db.select().from(outbox).where(eq(outbox.toAddress, "alle@example.com"))).toHaveLength(defs.length);
  });

  it("shows every error with a summary linking to the field, and keeps what was typed", async () => {
    const { cookie } = await loginAs("fouten@example.com");
    const res = await postForm("/aanvragen/evenement-aanvragen?stap=1", cookie, { eventName: "Buurtfeest <Zomer>", visitors: "veel", _intent: "next" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Er is een probleem");
    expect(html).toContain('href="#visitors"');
    expect(html).toContain('href="#kind-buurtfeest"');
    expect(html).toContain("Vul een getal in, alleen met cijfers.");
    expect(html).toContain('value="Buurtfeest &lt;Zomer&gt;"');
    expect(html).toContain('value="veel"');
  });

  it("refuses an executable named .pdf and files over 10 MB, accepts a PDF named .exe and serves it only as a download", async () => {
    const { cookie } = await loginAs("bestanden@example.com");
    const def = (await listRequestable()).find((d) => d.slug === "toegankelijkheid-melden")!;
    const post = { ...validPost(def.form.steps[0].fields), _intent: "next" };
    const fake = await postForm("/aanvragen/toegankelijkheid-melden", cookie, post, [{ field: "photo", name: "foto.pdf", bytes: exe, type: "application/pdf" }]);
    expect(fake.status).toBe(400);
    expect(await fake.text()).toContain("Dit soort bestand kunnen we niet aannemen");
    const big = await postForm("/aanvragen/toegankelijkheid-melden", cookie, post, [
      { field: "photo", name: "groot.pdf", bytes: Buffer.concat([pdf, Buffer.alloc(10 * 1024 * 1024)]) },
    ]);
    expect(big.status).toBe(400);
    const bigHtml = await big.text();
    expect(bigHtml).toContain("groter dan 10 MB");
    expect(bigHtml).toContain('value="Voorbeeld"');
    const ok = await postForm("/aanvragen/toegankelijkheid-melden", cookie, post, [{ field: "photo", name: "rapport.exe", bytes: pdf, type: "application/x-msdownload" }]);
    expect(ok.status).toBe(302);
    const check = await (await server.get("/aanvragen/toegankelijkheid-melden/controleren", { Cookie: cookie })).text();
    expect(check).toContain("rapport.pdf");
    const key = check.match(/name="idempotencyKey" value="([^"]+)"/)![1];
    const ref = (await server.post("/aanvragen/toegankelijkheid-melden/controleren", { idempotencyKey: key }, { Cookie: cookie })).headers.get("Location")!.split("/").pop()!;
    const page = await (await server.get(`/mijn/dossiers/${ref}`, { Cookie: cookie })).text();
    const href = page.match(/href="(\/mijn\/dossiers\/[^"]+\/bestanden\/[^"]+)"/)![1];
    const file = await server.get(href, { Cookie: cookie });
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/pdf");
    expect(file.headers.get("content-disposition")).toMatch(/^attachment; filename="rapport.pdf"/);
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await file.arrayBuffer()).equals(pdf)).toBe(true);

    // Another resident gets nothing: not the case, not the file, not the confirmation.
    const { cookie: other } = await loginAs("nieuwsgierig@example.com");
    for (const path of [`/mijn/dossiers/${ref}`, href, `/aanvragen/bevestiging/${ref}`]) expect((await server.get(path, { Cookie: other })).status, path).toBe(404);
    expect((await postForm(`/mijn/dossiers/${ref}`, other, { _intent: "withdraw" })).status).toBe(404);
    expect((await server.get(href)).status).toBe(302); // anonymous: to the login page
    const theirs = await (await server.get("/mijn/gegevens.json", { Cookie: other })).json();
    expect(theirs.cases).toEqual([]);
    const own = await server.get("/mijn/gegevens.json", { Cookie: cookie });
    expect(own.headers.get("content-disposition")).toContain("attachment");
    expect((await own.json()).cases.map((c: { reference: string }) => c.reference)).toEqual([ref]);
  });

  it("lets the resident answer 'Actie nodig' with a file, and withdraw the request", async () => {
    const { user, cookie } = await loginAs("actie@example.com");
    const ref = await fileRequest("bewonerskaart-parkeren", cookie);
    const staff = await asActor((await ensureStaff(db, { email: "mob.http@example.com", roles: ["backoffice"], teamSlugs: ["mobiliteit"] })).id);
    await askResident(staff, ref, "Stuur ons het inschrijvingsbewijs van uw auto.");
    const page = await (await server.get(`/mijn/dossiers/${ref}`, { Cookie: cookie })).text();
    expect(page).toContain("Actie nodig");
    expect(page).toContain("Stuur ons het inschrijvingsbewijs van uw auto.");
    const empty = await postForm(`/mijn/dossiers/${ref}`, cookie, { body: "", _intent: "reply" });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('href="#answer-body"');
    const answer = await postForm(`/mijn/dossiers/${ref}`, cookie, { body: "Hierbij het bewijs.", _intent: "reply" }, [{ field: "files", name: "bewijs.pdf", bytes: pdf }]);
    expect(answer.status).toBe(302);
    const after = await (await server.get(`/mijn/dossiers/${ref}`, { Cookie: cookie })).text();
    expect(after).not.toContain('id="action-title"');
    expect(after).toContain("Hierbij het bewijs.");
    expect(after).toContain("bewijs.pdf");
    const [c] = await db.select().from(cases).where(eq(cases.reference, ref));
    expect(c.waitingSince).toBeNull();
    expect((await postForm(`/mijn/dossiers/${ref}`, cookie, { _intent: "withdraw" })).status).toBe(302);
    const [gone] = await db.select().from(cases).where(eq(cases.residentId, user.id));
    expect([gone.status, gone.result]).toEqual(["ingetrokken", "ingetrokken"]);
  });
});
