import { createHash, randomBytes } from "node:crypto";
import { keyRingFrom, newKeyConfig } from "../../../app/modules/access/keys.server";
import { signPassToken, TOKEN_PREFIX } from "../../../app/modules/access/pass-token.server";
import { base45Decode, base45Encode } from "../../../app/modules/access/base45";
import type { BenchContext, Scenario } from "../types";

/** Issue 7: pass verification at the kiosk endpoint, with a valid (multiple-entry) pass and a forged code. */
const benchKey = newKeyConfig(1);

/** The portal under benchmark signs and verifies with this key; scans are not throttled for the run. */
export const accessBenchEnv = { ACCESS_SIGNING_KEYS: JSON.stringify([benchKey]), ACCESS_KIOSK_SCANS_PER_MINUTE: "100000000" };

let prepared: Promise<{ cookie: string; token: string }> | undefined;
function prepare({ baseUrl, sql }: BenchContext) {
  prepared ??= (async () => {
    const [building] = await sql<{ id: string; code: number; entrance_id: string }[]>`
      select b.id, b.code, e.id as entrance_id from access_buildings b join access_entrances e on e.building_id = b.id where b.slug = 'zeeridder'`;
    const [host] = await sql<{ id: string }[]>`insert into users (name, email, roles) values ('Bench Gastheer', 'bench.host@example.com', '{host}')
      on conflict (lower(email)) do update set name = excluded.name returning id`;
    const [inv] = await sql<{ id: string }[]>`insert into access_invitations (host_id, building_id, purpose, multiple_entries) values (${host.id}, ${building.id}, 'Benchmark', true) returning id`;
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
    const cookie = login.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
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
