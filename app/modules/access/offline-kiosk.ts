import { base45Decode } from "./base45";

/**
 * The door kiosk's own decision when it has no network (issue 19 item 2), in the browser.
 * The same checks as the server (scan.server.ts), on what the kiosk keeps in IndexedDB
 * (offline-store.ts): the Ed25519 signature (WebCrypto), the building, the validity window,
 * revocation and single use. No names: an offline welcome says "Welkom" without them.
 *
 * The token layout is pass-token.server.ts's: "MCH:" + base45(payload ‖ signature), payload =
 * version u8 | key id u8 | pass id 16 | building code u16 | valid-from u32 | valid-until u32.
 */

/** What the kiosk gets from GET /kiosk/offline/bundle (OfflineBundle in offline.server.ts), plus when it got it. */
export type KioskBundle = {
  kioskId: string;
  mode: "entry" | "exit";
  buildingCode: number;
  keys: { kid: number; x: string }[];
  revoked: string[];
  used: string[];
  multipleEntry: string[];
  offlineHours: number;
  clockToleranceSeconds: number;
  issuedAt: string;
  /** The kiosk's clock when the bundle arrived (ms). */
  refreshedAt: number;
};

export type OfflineOutcome =
  "welcome" | "goodbye" | "wrong_building" | "not_yet_valid" | "expired" | "already_used" | "revoked" | "not_city_code" | "offline_stale" | "offline_short_code";
export type OfflineDecision = { outcome: OfflineOutcome; passId?: string; validUntil?: number };

const PREFIX = "MCH:";
/** A typed short code (short-code.ts, which needs node:crypto): 9 letters or digits, spaces and dashes aside. */
const looksLikeShortCode = (text: string) => /^[0-9a-z]{9}$/i.test(text.replace(/[\s-]/g, ""));
const PAYLOAD_BYTES = 28;
const SIGNATURE_BYTES = 64;

export type ReadToken = {
  kid: number;
  passId: string;
  buildingCode: number;
  validFrom: number;
  validUntil: number;
  signed: Uint8Array<ArrayBuffer>;
  signature: Uint8Array<ArrayBuffer>;
};

/** Reads the token's fields without checking the signature; undefined when it is not a city code. */
export function readPassToken(text: string): ReadToken | undefined {
  const cleaned = text.replace(/[\r\n]+$/g, "").replace(/^[\r\n]+/g, "");
  if (!cleaned.startsWith(PREFIX)) return undefined;
  const bytes = base45Decode(cleaned.slice(PREFIX.length));
  if (!bytes || bytes.length !== PAYLOAD_BYTES + SIGNATURE_BYTES || bytes[0] !== 1) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const hex = [...bytes.subarray(2, 18)].map((b) => b.toString(16).padStart(2, "0")).join("");
  const prefix = new TextEncoder().encode(PREFIX);
  const signed = new Uint8Array(prefix.length + PAYLOAD_BYTES);
  signed.set(prefix);
  signed.set(bytes.subarray(0, PAYLOAD_BYTES), prefix.length);
  return {
    kid: bytes[1],
    passId: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
    buildingCode: view.getUint16(18),
    validFrom: view.getUint32(20) * 1000,
    validUntil: view.getUint32(24) * 1000,
    signed,
    signature: new Uint8Array(bytes.subarray(PAYLOAD_BYTES)),
  };
}

/** Checks the Ed25519 signature with WebCrypto against the kiosk's keys. An unknown key id is a forgery. */
export async function signatureValid(token: ReadToken, keys: KioskBundle["keys"], subtle: SubtleCrypto = globalThis.crypto.subtle): Promise<boolean> {
  const key = keys.find((k) => k.kid === token.kid);
  if (!key) return false;
  try {
    const publicKey = await subtle.importKey("jwk", { kty: "OKP", crv: "Ed25519", x: key.x }, { name: "Ed25519" }, false, ["verify"]);
    return await subtle.verify({ name: "Ed25519" }, publicKey, token.signature, token.signed);
  } catch {
    return false;
  }
}

/** Whether the bundle is too old to admit anyone (ACCESS_KIOSK_OFFLINE_HOURS after the last refresh). */
export const bundleStale = (bundle: KioskBundle | undefined, now: number) =>
  !bundle || now - bundle.refreshedAt > bundle.offlineHours * 3600_000 || now < bundle.refreshedAt - 3600_000;

/**
 * The offline decision for one scanned text. `admitted` holds the passes this kiosk itself let
 * in (online or offline) since its last refresh: a single-use pass opens once here too.
 */
export async function decideOffline(text: string, bundle: KioskBundle | undefined, admitted: ReadonlySet<string>, now: number): Promise<OfflineDecision> {
  const token = readPassToken(text);
  if (!token) return { outcome: looksLikeShortCode(text) ? "offline_short_code" : "not_city_code" };
  const about = { passId: token.passId, validUntil: token.validUntil };
  // Too long without a refresh: keys or revocations may have changed. Nobody is let in.
  if (!bundle || bundleStale(bundle, now)) return { outcome: "offline_stale", ...about };
  if (!(await signatureValid(token, bundle.keys))) return { outcome: "not_city_code" };
  if (token.buildingCode !== bundle.buildingCode) return { outcome: "wrong_building", ...about };
  if (bundle.mode === "exit") return { outcome: "goodbye", ...about };
  if (bundle.revoked.includes(token.passId)) return { outcome: "revoked", ...about };
  const tolerance = bundle.clockToleranceSeconds * 1000;
  if (now < token.validFrom - tolerance) return { outcome: "not_yet_valid", ...about };
  if (now > token.validUntil + tolerance) return { outcome: "expired", ...about };
  const multiple = bundle.multipleEntry.includes(token.passId);
  // A pass the kiosk does not know as multiple-entry is treated as single-use: the safe side.
  if (!multiple && (bundle.used.includes(token.passId) || admitted.has(token.passId))) return { outcome: "already_used", ...about };
  return { outcome: "welcome", ...about };
}
