import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { services } from "../../../db/schema";
import { listRequestable } from "../../../app/modules/cases/definitions.server";
import type { Text3 } from "../../../app/modules/cases/definitions";
import { startUserSession } from "../../../app/modules/identity/sessions.server";
import { db } from "../../../app/utils/db.server";
import { loadServiceRecords, loadServiceTranslations } from "../../../seeds/catalog";
import { runSeeds } from "../../../seeds/run";
import { validPost } from "../../factories/cases";
import { ensureResident } from "../../factories/identity";
import { startTestServer } from "../../setup/http-server";

/**
 * Issue 16 item 4: the service catalogue in English and French. Walks every online service
 * from the list through each form step, the check page, the confirmation and the case page,
 * and fails when a Dutch text of the catalogue (names, summaries, descriptions, what you need,
 * conditions, results, step titles, labels, hints, options, status texts) shows untranslated.
 * The expectations come from the Dutch data itself, not from hard-coded strings.
 */
let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  await runSeeds(db, { demo: false, production: false });
  server = await startTestServer();
});
afterAll(() => server.close());

const LANGUAGES = ["en", "fr"] as const;
type Lng = (typeof LANGUAGES)[number];

const decode = (s: string) =>
  s
    .replace(/&amp;/g, "&")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");
/** The visible page: without the embedded JSON-LD and other scripts (checked separately). */
const visible = (html: string) => decode(html.replace(/<script[\s\S]*?<\/script>/g, ""));

/** A pair of texts: the Dutch original and what the page in `lng` must show instead. */
type Pair = { what: string; nl: string; other: string | undefined };

function expectTranslated(html: string, pairs: Pair[], where: string) {
  const page = visible(html);
  for (const p of pairs) {
    expect(p.other, `${where}: ${p.what} has no translation`).toBeTruthy();
    if (p.other === p.nl) continue; // a name that is the same in both languages (UiTPAS)
    expect(page, `${where}: ${p.what} is not shown in the page language`).toContain(p.other);
    expect(page, `${where}: ${p.what} is still Dutch`).not.toContain(p.nl);
  }
}

const text3 = (what: string, t: Text3 | undefined, lng: Lng): Pair[] => (t ? [{ what, nl: t.nl, other: t[lng] }] : []);

async function serviceRow(slug: string) {
  const [row] = await db.select().from(services).where(eq(services.slug, slug));
  return row;
}

/** The Dutch fields of a service that a page in `lng` shows, paired with their translation. */
function servicePairs(s: Awaited<ReturnType<typeof serviceRow>>, lng: Lng, fields: ("title" | "summary" | "description" | "conditions" | "result" | "requirements")[]): Pair[] {
  const t = s.translations[lng] ?? {};
  return fields.flatMap((f): Pair[] => {
    if (f === "requirements") return (s.requirements ?? []).map((nl, i) => ({ what: `requirement ${i + 1}`, nl, other: t.requirements?.[i] }));
    const nl = s[f];
    return nl ? [{ what: f, nl, other: t[f] }] : [];
  });
}

function postForm(path: string, cookie: string, values: Record<string, string | string[]>) {
  const body = new FormData();
  for (const [k, v] of Object.entries(values)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  return fetch(server.baseUrl + path, { method: "POST", redirect: "manual", headers: { Origin: server.baseUrl, Cookie: cookie }, body });
}

describe("the service catalogue in English and French", () => {
  it("has every Dutch field of every seeded service translated", () => {
    const translations = loadServiceTranslations();
    for (const s of loadServiceRecords()) {
      const t = translations.get(s.slug) ?? {};
      for (const lng of LANGUAGES) {
        const x = t[lng];
        const where = `${s.slug} (${lng})`;
        expect(x?.title, where).toBeTruthy();
        expect(x?.summary, where).toBeTruthy();
        expect(x?.description, where).toBeTruthy();
        if (s.conditions) expect(x?.conditions, `${where} conditions`).toBeTruthy();
        if (s.result) expect(x?.result, `${where} result`).toBeTruthy();
        expect(x?.requirements?.length ?? 0, `${where} requirements`).toBe(s.requirements?.length ?? 0);
        for (const c of ["online", "counter", "phone"] as const) if (s.channels[c]) expect(x?.channels?.[c], `${where} channel ${c}`).toBeTruthy();
        // A translation is not the Dutch text copied.
        expect(x?.description, where).not.toBe(s.description);
      }
    }
  });

  it.each(LANGUAGES)("walks every online service in %s: list, form steps, check, confirmation and case page", async (lng) => {
    const user = await ensureResident(db, { email: `catalogus-${lng}@example.com`, name: `Bewoner ${lng}` });
    const cookie = (await startUserSession(new Request("http://portal.test/"), user.id, { method: "oidc", assurance: "substantial", secondFactor: null })).split(";")[0];
    const get = async (path: string) => {
      const res = await server.get(`${path}${path.includes("?") ? "&" : "?"}lng=${lng}`, { Cookie: cookie });
      expect(res.status, `${path} in ${lng}`).toBe(200);
      return res.text();
    };
    const defs = await listRequestable();
    expect(defs.length).toBeGreaterThanOrEqual(8);

    const list = await get("/aanvragen");
    for (const def of defs) expectTranslated(list, servicePairs(await serviceRow(def.slug), lng, ["title", "summary"]), `/aanvragen (${lng}) ${def.slug}`);

    for (const def of defs) {
      const s = await serviceRow(def.slug);
      const steps = def.form.steps;
      for (let i = 0; i < steps.length; i++) {
        const path = `/aanvragen/${def.slug}?stap=${i + 1}`;
        const html = await get(path);
        const pairs = [
          ...servicePairs(s, lng, i === 0 ? ["title", "summary", "description", "requirements", "conditions", "result"] : ["title"]),
          ...(steps.length > 1 ? text3("step title", steps[i].title, lng) : []),
          ...steps[i].fields.flatMap((f) => [
            ...text3(`${f.name} label`, f.label, lng),
            ...text3(`${f.name} hint`, f.hint, lng),
            ...(f.options ?? []).flatMap((o) => text3(`${f.name} option ${o.value}`, o.label, lng)),
          ]),
        ];
        expectTranslated(html, pairs, `${path} (${lng})`);
        // The embedded structured data names the service in the page language too.
        const jsonLd = JSON.parse(html.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)![1]) as { name: string; inLanguage: string };
        expect(jsonLd.inLanguage).toBe(lng);
        expect(jsonLd.name).toBe(s.translations[lng]!.title);
        const res = await postForm(path, cookie, { ...validPost(steps[i].fields), _intent: "next" });
        expect(res.status, `${path}: ${res.status === 400 ? await res.text() : ""}`).toBe(302);
      }

      const check = await get(`/aanvragen/${def.slug}/controleren`);
      expectTranslated(
        check,
        [
          ...servicePairs(s, lng, ["title"]),
          ...steps.flatMap((st) => [...(steps.length > 1 ? text3("step title", st.title, lng) : []), ...st.fields.flatMap((f) => text3(`${f.name} label`, f.label, lng))]),
        ],
        `check ${def.slug} (${lng})`,
      );
      const key = check.match(/name="idempotencyKey" value="([^"]+)"/)![1];
      const sent = await server.post(`/aanvragen/${def.slug}/controleren`, { idempotencyKey: key }, { Cookie: cookie });
      expect(sent.status).toBe(302);
      const reference = sent.headers.get("Location")!.split("/").pop()!;

      expectTranslated(await get(`/aanvragen/bevestiging/${reference}`), servicePairs(s, lng, ["title"]), `confirmation ${def.slug} (${lng})`);
      const received = def.statusModel.statuses.find((x) => x.key === "ontvangen")!;
      expectTranslated(
        await get(`/mijn/dossiers/${reference}`),
        [...servicePairs(s, lng, ["title"]), ...text3("status ontvangen", received.text, lng)],
        `case ${def.slug} (${lng})`,
      );
    }
  });
});
