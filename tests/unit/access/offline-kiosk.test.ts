import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { keyRingFrom, newKeyConfig } from "../../../app/modules/access/keys.server";
import { bundleStale, decideOffline, readPassToken, type KioskBundle } from "../../../app/modules/access/offline-kiosk";
import { signPassToken } from "../../../app/modules/access/pass-token.server";

/** The kiosk's own decision without network, with the same WebCrypto Ed25519 the browser uses (Node's). */
const ring = keyRingFrom([newKeyConfig(1)]);
const other = keyRingFrom([newKeyConfig(1)]);
const now = Date.parse("2026-12-07T10:00:00Z");
const pass = (over: Partial<{ passId: string; buildingCode: number; from: number; until: number }> = {}, r = ring) =>
  signPassToken(
    {
      passId: over.passId ?? randomUUID(),
      buildingCode: over.buildingCode ?? 7,
      validFrom: new Date(over.from ?? now - 3600_000),
      validUntil: new Date(over.until ?? now + 3600_000),
    },
    r,
  );

const bundle = (over: Partial<KioskBundle> = {}): KioskBundle => ({
  kioskId: randomUUID(),
  mode: "entry",
  buildingCode: 7,
  keys: [{ kid: 1, x: String(ring.signing.publicKey.export({ format: "jwk" }).x) }],
  revoked: [],
  used: [],
  multipleEntry: [],
  offlineHours: 24,
  clockToleranceSeconds: 120,
  issuedAt: new Date(now).toISOString(),
  refreshedAt: now - 3600_000,
  ...over,
});

const decide = async (code: string, b: KioskBundle | undefined = bundle(), admitted: string[] = [], at = now) => (await decideOffline(code, b, new Set(admitted), at)).outcome;

describe("the door kiosk's decision without network", () => {
  it("lets a valid pass in and reads its id and window", async () => {
    const code = pass();
    expect(await decide(code)).toBe("welcome");
    expect(await decide(code + "\r\n")).toBe("welcome");
    const read = readPassToken(code)!;
    expect(await decideOffline(code, bundle(), new Set(), now)).toEqual({ outcome: "welcome", passId: read.passId, validUntil: read.validUntil });
  });

  it("refuses forged, altered, foreign-key and unreadable codes", async () => {
    const code = pass();
    expect(await decide(code.slice(0, -3) + (code.endsWith("000") ? "111" : "000"))).toBe("not_city_code");
    expect(await decide(pass({}, other))).toBe("not_city_code");
    expect(await decide(pass(), bundle({ keys: [] }))).toBe("not_city_code");
    expect(await decide("hello")).toBe("not_city_code");
    expect(await decide("MCH:" + "A".repeat(30))).toBe("not_city_code");
    // A typed short code needs the server.
    expect(await decide("K7M2-9QXH-3")).toBe("offline_short_code");
  });

  it("checks building, revocation, window and single use", async () => {
    expect(await decide(pass({ buildingCode: 8 }))).toBe("wrong_building");
    const id = randomUUID();
    expect(await decide(pass({ passId: id }), bundle({ revoked: [id] }))).toBe("revoked");
    expect(await decide(pass({ from: now + 600_000, until: now + 7200_000 }))).toBe("not_yet_valid");
    expect(await decide(pass({ from: now + 60_000, until: now + 7200_000 }))).toBe("welcome");
    expect(await decide(pass({ from: now - 7200_000, until: now - 600_000 }))).toBe("expired");
    expect(await decide(pass({ passId: id }), bundle({ used: [id] }))).toBe("already_used");
    expect(await decide(pass({ passId: id }), bundle(), [id])).toBe("already_used");
    // A multiple-entry pass the bundle knows opens again.
    expect(await decide(pass({ passId: id }), bundle({ multipleEntry: [id] }), [id])).toBe("welcome");
    expect(await decide(pass(), bundle({ mode: "exit" }))).toBe("goodbye");
  });

  it("stops letting anyone in after ACCESS_KIOSK_OFFLINE_HOURS without a refresh", async () => {
    expect((await decideOffline(pass(), undefined, new Set(), now)).outcome).toBe("offline_stale");
    expect(await decide(pass(), bundle({ refreshedAt: now - 25 * 3600_000 }))).toBe("offline_stale");
    expect(await decide(pass(), bundle({ refreshedAt: now - 3 * 3600_000, offlineHours: 2 }))).toBe("offline_stale");
    expect(bundleStale(bundle({ refreshedAt: now - 23 * 3600_000 }), now)).toBe(false);
    // A clock set back far cannot stretch the period.
    expect(bundleStale(bundle({ refreshedAt: now + 5 * 3600_000 }), now)).toBe(true);
  });
});
