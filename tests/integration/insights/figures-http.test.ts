import { sql } from "drizzle-orm";
import jsonld from "jsonld";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refreshInsightsUntilDone } from "../../../app/modules/insights/refresh.server";
import { startUserSession } from "../../../app/modules/identity/sessions.server";
import { db } from "../../../app/utils/db.server";
import { seedDemoCounter } from "../../../seeds/counter";
import { runSeeds } from "../../../seeds/run";
import { ensureResident, ensureStaff } from "../../factories/identity";
import { startTestServer } from "../../setup/http-server";

/**
 * A small fixed data set in the previous whole month; every expected figure is computed
 * here from the rows as inserted, never by the insights module, and compared with what
 * the dashboard CSV, the public page and open data show.
 */

const DAY = 86_400_000;
const now = new Date();
const P = {
  from: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)),
  to: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0)),
};
const iso = (d: Date) => d.toISOString().slice(0, 10);
const month = iso(P.from).slice(0, 7);
const d = (k: number, hourUtc = 12) => new Date(P.from.getTime() + k * DAY + hourUtc * 3_600_000);
const brusselsDay = (t: Date) => t.toLocaleDateString("sv-SE", { timeZone: "Europe/Brussels" });
const brusselsHour = (t: Date) => Number(t.toLocaleString("en-GB", { timeZone: "Europe/Brussels", hour: "2-digit", hour12: false }));
const inP = (t: Date) => brusselsDay(t) >= iso(P.from) && brusselsDay(t) <= iso(P.to);
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** Linear interpolation between closest ranks, as SQL percentile_cont. */
function percentile(xs: number[], p: number) {
  const s = [...xs].sort((a, b) => a - b);
  const pos = p * (s.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

type FixtureCase = { service: "A" | "B"; channel: string; submitted: Date; closed: Date | null; due: Date; result: string | null; score: number | null };
const cases: FixtureCase[] = [];
const leadsA = [2, 5, 10, 12, 20, 31, 40];
const channelsA = ["web", "counter", "web", "phone", "email", "web", "web"];
const scoresA = [5, 4, null, 3, 5, null, 2];
leadsA.forEach((lead, i) => {
  const closed = d(20);
  const submitted = new Date(closed.getTime() - lead * DAY);
  cases.push({ service: "A", channel: channelsA[i], submitted, closed, due: new Date(submitted.getTime() + 30 * DAY), result: "toegekend", score: scoresA[i] });
});
cases.push({ service: "A", channel: "web", submitted: d(1), closed: d(3), due: new Date(d(1).getTime() + 30 * DAY), result: "ingetrokken", score: null });
cases.push({ service: "A", channel: "counter", submitted: d(2), closed: null, due: new Date(now.getTime() + 5 * DAY), result: null, score: null });
cases.push({ service: "A", channel: "web", submitted: d(4), closed: null, due: new Date(now.getTime() - DAY), result: null, score: null });
[1, 2, 3].forEach((lead, i) => {
  const closed = d(10);
  const submitted = new Date(closed.getTime() - lead * DAY);
  cases.push({ service: "B", channel: i < 2 ? "web" : "counter", submitted, closed, due: new Date(submitted.getTime() + 14 * DAY), result: "beantwoord", score: i < 2 ? 4 : null });
});
const contacts = [
  ...[5, 4, 4, 3, 5, 2].map((score) => ({ channel: "phone", score, at: d(5) })),
  { channel: "counter", score: 3, at: d(6) },
  { channel: "counter", score: 4, at: d(6) },
  { channel: "counter", score: null, at: d(6) },
];
const tickets = [
  ...[120, 300, 600, 240, 60, 900].map((wait) => ({ theme: "burgerzaken", wait, service: 300, status: "done", at: d(7, 8) })),
  { theme: "burgerzaken", wait: 1200, service: null, status: "no_show", at: d(7, 8) },
  ...[100, 200, 300].map((wait) => ({ theme: "welzijn", wait, service: 200, status: "done", at: d(7, 13) })),
];
const searches = [
  { query: "bewonerskaart", results: 3 },
  { query: "hondenbelasting", results: 0 },
  { query: "hondenbelasting", results: 0 },
  { query: "kermis", results: 0 },
];

let server: Awaited<ReturnType<typeof startTestServer>>;
let admin: string;
let welzijnBackoffice: string;
let resident: string;
const ids: Record<string, string> = {};
const titles: Record<string, string> = {};
const norms: Record<string, number> = {};

async function cookieFor(userId: string, staff: boolean) {
  return (await startUserSession(new Request("http://portal.test/"), userId, staff)).split(";")[0];
}
const one = async <T>(q: ReturnType<typeof sql>) => ((await db.execute(q)) as unknown as T[])[0];

beforeAll(async () => {
  await runSeeds(db, { demo: false, production: false });
  await seedDemoCounter(db);
  const person = await ensureResident(db, { email: "cijfers@example.com" });
  for (const [key, slug] of [
    ["A", "bewonerskaart-parkeren"],
    ["B", "vraag-aan-de-stad"],
  ] as const) {
    const s = await one<{ id: string; title: string; norm: number }>(sql`
      select s.id, s.title, d.norm_days as norm from services s join case_definitions d on d.service_id = s.id where s.slug = ${slug}`);
    ids[key] = s.id;
    titles[key] = s.title;
    norms[key] = s.norm;
  }
  const teamA = await one<{ id: string }>(sql`select id from teams where slug = 'burgerzaken'`);
  const teamB = await one<{ id: string }>(sql`select id from teams where slug = 'welzijn'`);
  ids.teamA = teamA.id;
  ids.teamB = teamB.id;
  let n = 0;
  for (const c of cases) {
    const row = await one<{ id: string }>(sql`
      insert into cases (reference, service_id, resident_id, created_by_id, channel, team_id, status, result, submitted_at, due_at, closed_at, last_change_at, satisfaction_score)
      values (${`FIX-${++n}`}, ${ids[c.service]}, ${person.id}, ${person.id}, ${c.channel}, ${c.service === "A" ? teamA.id : teamB.id},
              ${c.result ?? "ontvangen"}, ${c.result}, ${c.submitted.toISOString()}, ${c.due.toISOString()}, ${c.closed?.toISOString() ?? null},
              ${(c.closed ?? c.submitted).toISOString()}, ${c.score})
      returning id`);
    await db.execute(sql`insert into case_events (case_id, at, type, visibility) values (${row.id}, now() - interval '1 minute', 'submitted', 'resident')`);
  }
  for (const c of contacts) {
    await db.execute(sql`insert into contact_moments (channel, subject, satisfaction_score, occurred_at) values (${c.channel}, 'Vraag', ${c.score}, ${c.at.toISOString()})`);
  }
  let k = 0;
  for (const t of tickets) {
    await db.execute(sql`
      insert into tickets (day, theme_id, number, status, created_at, wait_seconds, service_seconds)
      values (${brusselsDay(t.at)}, (select id from desk_themes where slug = ${t.theme}), ${`F-${++k}`}, ${t.status}, ${t.at.toISOString()}, ${t.wait}, ${t.service})`);
  }
  for (const s of searches) {
    await db.execute(sql`insert into knowledge_search_log (query, language, result_count, created_at) values (${s.query}, 'nl', ${s.results}, ${d(8).toISOString()})`);
  }
  const article = await one<{ id: string; title: string }>(sql`select id, title from knowledge_articles where language = 'nl' and status = 'published' order by slug limit 1`);
  titles.article = article.title;
  for (const helpful of [true, true, true, false]) {
    await db.execute(sql`insert into knowledge_feedback (article_id, helpful, created_at) values (${article.id}, ${helpful}, ${d(8).toISOString()})`);
  }
  const building = await one<{ id: string; name: string }>(sql`select id, name from access_buildings order by code limit 1`);
  titles.building = building.name;
  const host = await ensureStaff(db, { email: "gastheer.cijfers@example.com", roles: ["host"] });
  const inv = await one<{ id: string }>(sql`insert into access_invitations (host_id, building_id, purpose) values (${host.id}, ${building.id}, 'Vergadering') returning id`);
  const passIds: string[] = [];
  for (let i = 0; i < 2; i++) {
    const p = await one<{ id: string }>(sql`
      insert into access_passes (invitation_id, building_id, valid_from, valid_until) values (${inv.id}, ${building.id}, ${d(9, 6).toISOString()}, ${d(9, 18).toISOString()}) returning id`);
    passIds.push(p.id);
  }
  for (const [pass, outcome] of [
    [passIds[0], "welcome"],
    [passIds[0], "welcome"],
    [passIds[1], "welcome"],
    [passIds[1], "wrong_building"],
  ] as const) {
    await db.execute(sql`insert into access_scans (pass_id, building_id, direction, outcome, at) values (${pass}, ${building.id}, 'in', ${outcome}, ${d(9, 9).toISOString()})`);
  }
  await refreshInsightsUntilDone();

  admin = await cookieFor((await ensureStaff(db, { email: "beheer.cijfers@example.com", roles: ["admin"] })).id, true);
  welzijnBackoffice = await cookieFor((await ensureStaff(db, { email: "bo.welzijn@example.com", roles: ["backoffice"], teamSlugs: ["welzijn"] })).id, true);
  resident = await cookieFor(person.id, false);
  server = await startTestServer();
});
afterAll(() => server?.close());

function parseCsv(text: string) {
  const [head, ...lines] = text.trim().split("\r\n");
  const cols = head.split(",");
  // The fixture has no commas or quotes inside cells.
  return lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [cols[i], v])));
}
async function csv(table: string, query: Record<string, string>, cookie = admin) {
  const res = await server.get(`/werk/inzichten/csv/${table}?${new URLSearchParams(query)}`, { Cookie: cookie });
  expect(res.status, table).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/csv");
  return parseCsv(await res.text());
}
const period = { van: iso(P.from), tot: iso(P.to), team: "" };
const closedInP = (c: FixtureCase) => c.closed !== null && inP(c.closed);

describe("staff dashboard figures", () => {
  it("counts cases by channel for the period, and by channel for one team", async () => {
    const expected = (filter: (c: FixtureCase) => boolean) => {
      const out: Record<string, number> = { web: 0, counter: 0, phone: 0, email: 0 };
      for (const c of cases.filter((c) => inP(c.submitted) && filter(c))) out[c.channel]++;
      return out;
    };
    const all = await csv("kanalen", period);
    expect(Object.fromEntries(all.map((r) => [r.channel, Number(r.cases)]))).toEqual(expected(() => true));
    const teamB = await csv("kanalen", { ...period, team: ids.teamB });
    expect(Object.fromEntries(teamB.map((r) => [r.channel, Number(r.cases)]))).toEqual(expected((c) => c.service === "B"));
  });

  it("shows lead time median and p90 against the norm and the share on time, without withdrawn cases", async () => {
    const rows = await csv("doorlooptijden", period);
    for (const key of ["A", "B"] as const) {
      const closed = cases.filter((c) => c.service === key && closedInP(c) && c.result !== "ingetrokken");
      const leads = closed.map((c) => (c.closed!.getTime() - c.submitted.getTime()) / DAY);
      const row = rows.find((r) => r.service === titles[key])!;
      expect(row).toEqual({
        service: titles[key],
        norm_days: String(norms[key]),
        closed: String(closed.length),
        median_days: String(round(percentile(leads, 0.5))),
        p90_days: String(round(percentile(leads, 0.9))),
        on_time_pct: String(round((100 * closed.filter((c) => c.closed! <= c.due).length) / closed.length)),
      });
    }
  });

  it("shows the backlog and what is overdue now", async () => {
    const open = cases.filter((c) => c.closed === null);
    const rows = await csv("achterstand", period);
    expect(rows).toEqual([{ service: titles.A, open: String(open.length), overdue: String(open.filter((c) => c.due < now).length) }]);
  });

  it("shows counter tickets, no-shows and average waiting time per theme, and per hour for the heat map", async () => {
    const rows = await csv("loket-thema", period);
    const bz = tickets.filter((t) => t.theme === "burgerzaken");
    const served = bz.filter((t) => t.status !== "no_show");
    expect(rows.find((r) => r.theme === "Burgerzaken")).toEqual({
      theme: "Burgerzaken",
      tickets: String(bz.length),
      no_shows: String(bz.length - served.length),
      no_show_pct: String(round((100 * (bz.length - served.length)) / bz.length)),
      avg_wait_min: String(round(avg(served.map((t) => t.wait)) / 60)),
    });
    const heat = await csv("loket-per-uur", period);
    expect(heat.find((r) => r.theme === "Burgerzaken")).toMatchObject({ hour: String(brusselsHour(bz[0].at)), tickets: String(bz.length) });
  });

  it("shows satisfaction per channel for cases and contacts, and per service", async () => {
    const rows = await csv("tevredenheid-kanaal", period);
    const expected: Record<string, string>[] = [];
    for (const ch of ["counter", "email", "phone", "web"]) {
      const scores = cases.filter((c) => closedInP(c) && c.channel === ch && c.score !== null).map((c) => c.score!);
      if (scores.length) expected.push({ source: "case", channel: ch, ratings: String(scores.length), average: String(round(avg(scores), 2)) });
    }
    for (const ch of ["counter", "phone"]) {
      const scores = contacts.filter((c) => c.channel === ch && c.score !== null).map((c) => c.score!);
      expected.push({ source: "contact", channel: ch, ratings: String(scores.length), average: String(round(avg(scores), 2)) });
    }
    expect(rows).toEqual(expected);
    const byService = await csv("tevredenheid-dienst", period);
    const scoresA = cases.filter((c) => c.service === "A" && closedInP(c) && c.score !== null).map((c) => c.score!);
    expect(byService.find((r) => r.service === titles.A)).toEqual({ service: titles.A, ratings: String(scoresA.length), average: String(round(avg(scoresA), 2)) });
  });

  it("shows Mikipedia helpfulness, zero-result searches and visitors per building and day", async () => {
    expect(await csv("mikipedia-nuttig", period)).toEqual([{ article: `${titles.article} (nl)`, helpful: "3", not_helpful: "1", helpful_pct: "75" }]);
    const zero = searches.filter((s) => s.results === 0);
    expect(await csv("zoeken-zonder-resultaat", period)).toEqual([
      { query: "hondenbelasting", language: "nl", searches: String(zero.filter((s) => s.query === "hondenbelasting").length) },
      { query: "kermis", language: "nl", searches: "1" },
    ]);
    expect(await csv("bezoekers", period)).toEqual([{ building: titles.building, day: brusselsDay(d(9, 9)), visitors: "2", entries: "3" }]);
  });

  it("renders the page with SVG charts that have a title and description, tables and CSV links", async () => {
    const res = await server.get(`/werk/inzichten?${new URLSearchParams(period)}`, { Cookie: admin });
    expect(res.status).toBe(200);
    const html = await res.text();
    const svgs = html.match(/<svg class="chart" role="img" aria-labelledby="[^"]+"/g) ?? [];
    expect(svgs.length).toBeGreaterThanOrEqual(10);
    expect(html).toContain("<title");
    expect(html).toContain("<desc");
    expect(html).toContain("Toon als tabel");
    expect(html).toContain(`/werk/inzichten/csv/doorlooptijden?`);
    expect(html).toContain(titles.A);
  });

  it("keeps a bad period with a clear message, and limits who may look", async () => {
    const bad = await server.get(`/werk/inzichten?van=${iso(P.to)}&tot=${iso(P.from)}&team=`, { Cookie: admin });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain("De einddatum moet na de begindatum liggen.");
    expect(html).toContain(`value="${iso(P.to)}"`);

    expect((await server.get("/werk/inzichten", { Cookie: resident })).status).toBe(403);
    expect((await server.get("/werk/inzichten")).status).toBe(302);
    // Back-office staff see their own team, and no other.
    const own = parseCsv(await (await server.get(`/werk/inzichten/csv/kanalen?van=${period.van}&tot=${period.tot}`, { Cookie: welzijnBackoffice })).text());
    expect(own.find((r) => r.channel === "web")?.cases).toBe(String(cases.filter((c) => c.service === "B" && inP(c.submitted) && c.channel === "web").length));
    expect((await server.get(`/werk/inzichten?${new URLSearchParams({ ...period, team: ids.teamA })}`, { Cookie: welzijnBackoffice })).status).toBe(403);
    expect((await server.get(`/werk/inzichten?${new URLSearchParams(period)}`, { Cookie: welzijnBackoffice })).status).toBe(403);
  });
});

describe("public figures and open data", () => {
  it("publishes lead times per service per month, suppressing groups smaller than 5", async () => {
    const res = await server.get("/api/v1/open-data/doorlooptijden.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("public");
    const body = (await res.json()) as { license: string; fields: string[]; rows: Record<string, unknown>[] };
    expect(body.license).toMatch(/^https:\/\/data\.vlaanderen\.be\/id\/licentie\//);
    const closedA = cases.filter((c) => c.service === "A" && closedInP(c) && c.result !== "ingetrokken");
    const leadsA = closedA.map((c) => (c.closed!.getTime() - c.submitted.getTime()) / DAY);
    expect(body.rows.find((r) => r.month === month && r.slug === "bewonerskaart-parkeren")).toEqual({
      month,
      service: titles.A,
      slug: "bewonerskaart-parkeren",
      norm_days: norms.A,
      closed_cases: closedA.length,
      median_days: round(percentile(leadsA, 0.5)),
      on_time_pct: Math.round((100 * closedA.filter((c) => c.closed! <= c.due).length) / closedA.length),
      suppressed: false,
    });
    // Three closed cases: fewer than 5, so no figures at all.
    expect(body.rows.find((r) => r.month === month && r.slug === "vraag-aan-de-stad")).toMatchObject({
      closed_cases: null,
      median_days: null,
      on_time_pct: null,
      suppressed: true,
    });
  });

  it("publishes waiting times, satisfaction and digital take-up as CSV at stable URLs", async () => {
    const wait = parseCsv(await (await server.get("/api/v1/open-data/wachttijden-loket.csv")).text());
    const served = tickets.filter((t) => t.theme === "burgerzaken" && t.status !== "no_show");
    expect(wait.find((r) => r.month === month && r.theme === "Burgerzaken")).toEqual({
      month,
      theme: "Burgerzaken",
      served: String(served.length),
      avg_wait_min: String(round(avg(served.map((t) => t.wait)) / 60)),
      suppressed: "false",
    });
    expect(wait.find((r) => r.month === month && r.theme.startsWith("Sociaal Huis"))).toMatchObject({ served: "", avg_wait_min: "", suppressed: "true" });

    const sat = parseCsv(await (await server.get("/api/v1/open-data/tevredenheid.csv")).text());
    const phone = [
      ...cases.filter((c) => closedInP(c) && c.channel === "phone" && c.score !== null).map((c) => c.score!),
      ...contacts.filter((c) => c.channel === "phone" && c.score !== null).map((c) => c.score!),
    ];
    expect(sat.find((r) => r.month === month && r.channel === "phone")).toEqual({
      month,
      channel: "phone",
      ratings: String(phone.length),
      average_score: String(round(avg(phone))),
      suppressed: "false",
    });

    const digital = parseCsv(await (await server.get("/api/v1/open-data/digitaal-aanvragen.csv")).text());
    const a = cases.filter((c) => c.service === "A" && inP(c.submitted));
    expect(digital.find((r) => r.month === month && r.slug === "bewonerskaart-parkeren")).toMatchObject({
      requests: String(a.length),
      online_requests: String(a.filter((c) => c.channel === "web").length),
      online_pct: String(Math.round((100 * a.filter((c) => c.channel === "web").length) / a.length)),
    });
    expect((await server.get("/api/v1/open-data/onbekend.csv")).status).toBe(404);
  });

  it("shows the public page in plain Dutch with 'minder dan 5' for small groups", async () => {
    const res = await server.get("/dienstverlening-in-cijfers");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("public");
    const html = await res.text();
    expect(html).toContain("Dienstverlening in cijfers");
    const closedA = cases.filter((c) => c.service === "A" && c.closed && c.result !== "ingetrokken");
    const leadsA = closedA.map((c) => (c.closed!.getTime() - c.submitted.getTime()) / DAY);
    const fmt = (x: number) => x.toLocaleString("nl-BE");
    expect(html).toContain(
      `<th scope="row">${titles.A}</th><td>${norms.A}</td><td>${closedA.length}</td><td>${fmt(round(percentile(leadsA, 0.5)))}</td><td>${fmt(Math.round((100 * closedA.filter((c) => c.closed! <= c.due).length) / closedA.length))}</td>`,
    );
    expect(html).toContain(`<th scope="row">${titles.B}</th><td>${norms.B}</td><td>minder dan 5</td><td>minder dan 5</td><td>minder dan 5</td>`);
  });

  it("describes the datasets as a DCAT-AP catalogue in JSON-LD", async () => {
    const res = await server.get("/api/v1/open-data");
    expect(res.headers.get("content-type")).toContain("application/ld+json");
    const doc = await res.json();
    const expanded = (await jsonld.expand(doc)) as Record<string, unknown>[];
    const DCAT = "http://www.w3.org/ns/dcat#";
    const DCT = "http://purl.org/dc/terms/";
    const catalog = expanded.find((n) => (n["@type"] as string[]).includes(`${DCAT}Catalog`))!;
    expect(catalog).toBeTruthy();
    for (const p of ["title", "description", "publisher", "license", "modified"]) expect(catalog[`${DCT}${p}`], p).toBeTruthy();
    const datasets = catalog[`${DCAT}dataset`] as Record<string, unknown>[];
    expect(datasets).toHaveLength(4);
    for (const ds of datasets) {
      expect(ds["@type"]).toEqual([`${DCAT}Dataset`]);
      for (const p of [`${DCT}title`, `${DCT}description`, `${DCAT}contactPoint`, `${DCAT}keyword`, `${DCT}license`, `${DCT}modified`]) expect(ds[p], p).toBeTruthy();
      const titleLangs = (ds[`${DCT}title`] as { "@language": string }[]).map((t) => t["@language"]).sort();
      expect(titleLangs).toEqual(["en", "nl"]);
      const dists = ds[`${DCAT}distribution`] as Record<string, unknown>[];
      expect(dists.map((x) => x["@type"])).toEqual([[`${DCAT}Distribution`], [`${DCAT}Distribution`]]);
      for (const dist of dists) {
        const url = (dist[`${DCAT}downloadURL`] as { "@id": string }[])[0]["@id"];
        const path = new URL(url).pathname;
        expect(path).toMatch(/^\/api\/v1\/open-data\/[a-z-]+\.(csv|json)$/);
        expect((await server.get(path)).status).toBe(200);
      }
    }
  });
});
