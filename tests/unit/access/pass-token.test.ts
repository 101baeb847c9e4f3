import { randomUUID } from "node:crypto";
import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import { base45Decode, base45Encode } from "../../../app/modules/access/base45";
import { keyRingFrom, newKeyConfig } from "../../../app/modules/access/keys.server";
import { checkPassToken, signPassToken, TOKEN_PREFIX } from "../../../app/modules/access/pass-token.server";
import { loadEnv } from "../../../app/utils/env.server";

const claims = () => ({ passId: randomUUID(), buildingCode: 2, validFrom: new Date("2026-12-01T08:00:00Z"), validUntil: new Date("2026-12-01T10:00:00Z") });
const k1 = newKeyConfig(1);
const k2 = newKeyConfig(2);
const ring = keyRingFrom([k1]);

/** Changes one byte of the binary token and re-encodes it. */
function flipByte(token: string, index: number) {
  const bytes = Buffer.from(base45Decode(token.slice(TOKEN_PREFIX.length))!);
  bytes[index] ^= 0x01;
  return TOKEN_PREFIX + base45Encode(bytes);
}

describe("base45", () => {
  it("round-trips bytes and refuses characters outside the alphabet", () => {
    for (const text of ["", "a", "ab", "Hello!!", "ietf!"]) {
      expect(Buffer.from(base45Decode(base45Encode(Buffer.from(text)))!).toString()).toBe(text);
    }
    expect(base45Encode(Buffer.from("AB"))).toBe("BB8"); // RFC 9285 example
    expect(base45Decode("abc")).toBeUndefined();
    expect(base45Decode("GGW")).toBeUndefined(); // 65536+: out of range
  });
});

describe("pass tokens", () => {
  it("carries pass, building and window, signed and verified", () => {
    const c = claims();
    const result = checkPassToken(signPassToken(c, ring), ring);
    expect(result).toEqual({ ok: true, kid: 1, ...c });
  });

  it("fits a QR code of version 8 or lower at error correction M", () => {
    const token = signPassToken(claims(), ring);
    expect(token).toMatch(/^[0-9A-Z $%*+\-./:]+$/);
    expect(QRCode.create(token, { errorCorrectionLevel: "M" }).version).toBeLessThanOrEqual(8);
  });

  it("refuses a forged signature (signed with a key we do not have, under our key id)", () => {
    const forger = keyRingFrom([newKeyConfig(1)]);
    expect(checkPassToken(signPassToken(claims(), forger), ring)).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("refuses a token with any changed payload byte or signature byte", () => {
    const token = signPassToken(claims(), ring);
    for (const i of [2, 10, 18, 20, 27, 28, 91]) expect(checkPassToken(flipByte(token, i), ring).ok).toBe(false);
  });

  it("refuses truncated and extended tokens and other texts", () => {
    const token = signPassToken(claims(), ring);
    expect(checkPassToken(token.slice(0, -3), ring)).toEqual({ ok: false, reason: "malformed" });
    expect(checkPassToken(token.slice(0, 40), ring).ok).toBe(false);
    expect(checkPassToken(token + "000", ring)).toEqual({ ok: false, reason: "malformed" });
    expect(checkPassToken("https://example.com/", ring)).toEqual({ ok: false, reason: "not_city_code" });
    expect(checkPassToken("", ring).ok).toBe(false);
  });

  it("accepts a scanner's line ending", () => {
    expect(checkPassToken(signPassToken(claims(), ring) + "\r\n", ring).ok).toBe(true);
  });

  it("signs with the newest key, still verifies older ones, and refuses unknown and retired key ids", () => {
    const rotated = keyRingFrom([k1, k2]);
    const fresh = signPassToken(claims(), rotated);
    expect(checkPassToken(fresh, rotated)).toMatchObject({ ok: true, kid: 2 });
    const old = signPassToken(claims(), ring);
    expect(checkPassToken(old, rotated)).toMatchObject({ ok: true, kid: 1 });
    expect(checkPassToken(fresh, ring)).toEqual({ ok: false, reason: "unknown_key" });
    const retired = keyRingFrom([{ ...k1, retired: true }, k2]);
    expect(checkPassToken(old, retired)).toEqual({ ok: false, reason: "retired_key" });
    expect(checkPassToken(fresh, retired)).toMatchObject({ ok: true, kid: 2 });
  });

  it("refuses a configuration where every key is retired", () => {
    expect(() => keyRingFrom([{ ...k1, retired: true }])).toThrow(/at least one key/);
  });

  it("reads several keys from ACCESS_SIGNING_KEYS and stops the start on a wrong value, in one line", () => {
    const env = loadEnv({ ACCESS_SIGNING_KEYS: JSON.stringify([{ ...k1, retired: true }, k2]) });
    expect(env.ACCESS_SIGNING_KEYS?.map((k) => k.kid)).toEqual([1, 2]);
    expect(keyRingFrom(env.ACCESS_SIGNING_KEYS!).signing.kid).toBe(2);
    expect(() => loadEnv({ ACCESS_SIGNING_KEYS: "not json" })).toThrow(/ACCESS_SIGNING_KEYS: must be a JSON list/);
    expect(() => loadEnv({ ACCESS_SIGNING_KEYS: JSON.stringify([k1, k1]) })).toThrow(/key ids must be unique/);
    expect(loadEnv({}).ACCESS_RETENTION_DAYS).toBe(30);
  });
});
