import { createHash, randomBytes } from "node:crypto";
import { keyRingFrom, newKeyConfig } from "../../../app/modules/access/keys.server";
import { signPassToken, TOKEN_PREFIX } from "../../../app/modules/access/pass-token.server";
import { base45Decode, base45Encode } from "../../../app/modules/access/base45";
import { newShortCode } from "../../../app/modules/access/short-code";
import { STEADY_RATES, type BenchContext, type Scenario } from "../types";

/** Issue 7: pass verification at the kiosk endpoint, with a valid (multiple-entry) pass and a forged code. */
const benchKey = newKeyConfig(1);

/**
 * The portal under benchmark signs and verifies with this key; scans, entrance posts and short-code
 * look-ups are not throttled for the run (every request comes from 127.0.0.1, so the per-address
 * limits would otherwise answer 429 after a few dozen).
 */
export const accessBenchEnv = {
  ACCESS_SIGNING_KEYS: JSON.stringify([benchKey]),
  ACCESS_KIOSK_SCANS_PER_MINUTE: "100000000",
  ACCESS_ENTRANCE_POSTS_PER_MINUTE: "100000000",
  ACCESS_SHORT_CODES_PER_MINUTE: "100000000",
};

let prepared: Promise<{ cookie: string; token: string }> | undefined;
function prepare({ baseUrl, sql }: BenchContext) {
  prepared ??= (async () => {
    const [building] = await sql<{ id: string; code: number; entrance_id: string }[]>`
      select b.id, b.code, e.id as entrance_id from access_buildings b join access_entrances e on e.building_id = b.id where b.slug = 'zeeridder'`;
    const [host] = await sql<{ id: string }[]>`insert into users (name, email, roles) values ('Bench Gastheer', 'bench.host@example.com', '{host}')
      on conflict (lower(email)) do update set name = excluded.name returning id`;
    const [inv] = await sql<
      { id: string }[]
    >`insert into access_invitations (host_id, building_id, purpose, multiple_entries) values (${host.id}, ${building.id}, 'Benchmark', true) returning id`;
    const from = new Date(Date.now() - 86400_000);
    const until = new Date(Date.now() + 86400_000);
    const [pass] = await sql<{ id: string }[]>`
      insert into access_passes (invitation_id, building_id, visitor_name, visitor_email, valid_from, valid_until, remaining_entries, inside)
      values (${inv.id}, ${building.id}, 'Bench Bezoeker', 'bench.visitor@example.com', ${from}, ${until}, null, true) returning id`;
    const secret = randomBytes(24).toString("base64url");
    const [kiosk] = await sql<{ id: string }[]>`
      insert into access_kiosks (entrance_id, name, mode, secret_hash) values (${building.entrance_id}, 'Bench', 'entry', ${createHash("sha256").update(secret).digest("hex")}) returning id`;
    const login = await fetch(`${baseUrl}/kiosk`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _intent: "login", credential: `${kiosk.id}.${secret}` }),
    });
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    if (!cookie) throw new Error(`kiosk login failed: ${login.status}`);
    const token = signPassToken({ passId: pass.id, buildingCode: building.code, validFrom: from, validUntil: until }, keyRingFrom([benchKey]));
    return { cookie, token };
  })();
  return prepared;
}

const form = (code: string) => new URLSearchParams({ code }).toString();
function forge(token: string) {
  const bytes = Buffer.from(base45Decode(token.slice(TOKEN_PREFIX.length))!);
  bytes[bytes.length - 1] ^= 0x01;
  return TOKEN_PREFIX + base45Encode(bytes);
}

export const scenarios: Scenario[] = [
  {
    name: "kiosk scan, valid pass",
    path: "/kiosk/scan",
    method: "POST",
    target: "≥ 1,000 req/s, p99 < 10 ms",
    async setup(ctx) {
      const { cookie, token } = await prepare(ctx);
      return { headers: { Cookie: cookie, Origin: ctx.baseUrl, "Content-Type": "application/x-www-form-urlencoded" }, body: form(token) };
    },
  },
  {
    name: "kiosk scan, forged code",
    path: "/kiosk/scan",
    method: "POST",
    target: "≥ 1,000 req/s, p99 < 10 ms",
    async setup(ctx) {
      const { cookie, token } = await prepare(ctx);
      return { headers: { Cookie: cookie, Origin: ctx.baseUrl, "Content-Type": "application/x-www-form-urlencoded" }, body: form(forge(token)) };
    },
  },
];

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/**
 * Issue 19: the entrance page behind a poster's QR and its check-in. A poster for the Zeeridder's
 * entrance, and enough single-use passes (each with its pass-page key and short code, as an
 * invitation issues them) that every check-in in the run is a first arrival: a real "welcome",
 * committed synchronously, not a cheap "already used".
 */
const ENTRANCE_PASSES = Number(process.env.BENCH_ENTRANCE_PASSES ?? 12_000);
type EntranceBench = { code: string; links: string[]; shortCodes: string[] };
let entrancePrepared: Promise<EntranceBench> | undefined;
function prepareEntrance({ sql }: BenchContext) {
  entrancePrepared ??= (async () => {
    const [building] = await sql<{ id: string; code: number; entrance_id: string }[]>`
      select b.id, b.code, e.id as entrance_id from access_buildings b join access_entrances e on e.building_id = b.id where b.slug = 'zeeridder' order by e.name limit 1`;
    const [host] = await sql<{ id: string }[]>`insert into users (name, email, roles) values ('Bench Gastheer', 'bench.host@example.com', '{host}')
      on conflict (lower(email)) do update set name = excluded.name returning id`;
    const secretHash = sha256(randomBytes(24).toString("base64url"));
    const [entry, exit] = await sql<{ id: string }[]>`
      insert into access_kiosks (entrance_id, name, mode, secret_hash) values
        (${building.entrance_id}, 'Bench affiche (aankomst)', 'entry', ${secretHash}), (${building.entrance_id}, 'Bench affiche (vertrek)', 'exit', ${secretHash})
      returning id`;
    const code = randomBytes(16).toString("base64url");
    await sql`insert into access_entrance_posters (entrance_id, code, entry_kiosk_id, exit_kiosk_id) values (${building.entrance_id}, ${code}, ${entry.id}, ${exit.id})
      on conflict (entrance_id) do update set code = excluded.code, entry_kiosk_id = excluded.entry_kiosk_id, exit_kiosk_id = excluded.exit_kiosk_id`;
    // Listed hosts for walk-ins: the page names them (a realistic handful).
    await sql`insert into access_walkin_hosts (user_id, building_id) values (${host.id}, ${building.id}) on conflict do nothing`;
    const [inv] = await sql<
      { id: string }[]
    >`insert into access_invitations (host_id, building_id, purpose) values (${host.id}, ${building.id}, 'Benchmark aan de ingang') returning id`;
    const from = new Date(Date.now() - 3600_000);
    const until = new Date(Date.now() + 86400_000);
    const links: string[] = [];
    const shortCodes: string[] = [];
    for (let done = 0; done < ENTRANCE_PASSES; done += 1000) {
      const n = Math.min(1000, ENTRANCE_PASSES - done);
      const keys = Array.from({ length: n }, () => randomBytes(18).toString("base64url"));
      const codes = Array.from({ length: n }, () => newShortCode());
      const ids = await sql<{ id: string }[]>`
        insert into access_passes (invitation_id, building_id, visitor_name, visitor_email, valid_from, valid_until, remaining_entries, view_key_hash, short_code)
        select ${inv.id}, ${building.id}, 'Bench Bezoeker ' || i, 'bench.entrance.' || i || '@example.com', ${from}, ${until}, 1, k, c
        from unnest(${sql.array(keys.map(sha256))}::text[], ${sql.array(codes)}::text[]) with ordinality as t(k, c, i)
        returning id`;
      const tokens = ids.map((row) => signPassToken({ passId: row.id, buildingCode: building.code, validFrom: from, validUntil: until }, keyRingFrom([benchKey])));
      await sql`update access_passes p set token = t.token from unnest(${sql.array(ids.map((r) => r.id))}::uuid[], ${sql.array(tokens)}::text[]) as t(id, token) where p.id = t.id`;
      for (const [i, row] of ids.entries()) {
        links.push(`/pas/${row.id}/${keys[i]}`);
        shortCodes.push(codes[i]);
      }
    }
    return { code, links, shortCodes };
  })();
  return entrancePrepared;
}

/** Each request takes the next unused pass, across the saturation, half-load and steady runs. */
function checkInRequests(path: string, credentials: string[]) {
  let next = 0;
  return [
    {
      method: "POST",
      path,
      setupRequest: (req: Record<string, unknown>) => ({ ...req, body: new URLSearchParams({ _intent: "checkin", link: credentials[next++ % credentials.length] }).toString() }),
    },
  ];
}
/** The load (50 req/s); BENCH_RATES=a,b,c measures others, e.g. a light one for the cost of one request. */
const entranceRates = process.env.BENCH_RATES ? STEADY_RATES : [50];
const formHeaders = (baseUrl: string) => ({ Origin: baseUrl, "Content-Type": "application/x-www-form-urlencoded" });

scenarios.push(
  {
    name: "entrance page (poster QR)",
    path: "/ingang/",
    target: "p99 < 50 ms at 50 req/s",
    rates: entranceRates,
    async setup(ctx) {
      const { code } = await prepareEntrance(ctx);
      return { path: `/ingang/${code}` };
    },
  },
  {
    name: "entrance check-in, pass link",
    path: "/ingang/",
    method: "POST",
    target: "p99 < 50 ms at 50 req/s",
    rates: entranceRates,
    async setup(ctx) {
      const { code, links } = await prepareEntrance(ctx);
      const path = `/ingang/${code}`;
      // Half the passes for links, half for short codes: no pass is used twice.
      const mine = links.slice(0, links.length / 2);
      return {
        path,
        headers: formHeaders(ctx.baseUrl),
        body: new URLSearchParams({ _intent: "checkin", link: mine[mine.length - 1] }).toString(),
        requests: checkInRequests(path, mine.slice(0, -1)),
      };
    },
  },
  {
    name: "entrance check-in, short code",
    path: "/ingang/",
    method: "POST",
    target: "p99 < 50 ms at 50 req/s",
    rates: entranceRates,
    async setup(ctx) {
      const { code, shortCodes } = await prepareEntrance(ctx);
      const path = `/ingang/${code}`;
      const mine = shortCodes.slice(shortCodes.length / 2);
      return {
        path,
        headers: formHeaders(ctx.baseUrl),
        body: new URLSearchParams({ _intent: "checkin", link: mine[mine.length - 1] }).toString(),
        requests: checkInRequests(path, mine.slice(0, -1)),
      };
    },
  },
);
