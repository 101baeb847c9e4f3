import { sign, verify } from "node:crypto";
import { base45Decode, base45Encode } from "./base45";
import { keyRing, type KeyRing } from "./keys.server";

/**
 * The QR text: "MCH:" + base45(payload ‖ Ed25519 signature). Every character is in the QR
 * alphanumeric set, so the code stays at version 6 at error correction M.
 *
 * payload (28 bytes, big-endian):
 *   version u8 | key id u8 | pass id (uuid) 16 | building code u16 | valid-from u32 | valid-until u32 (unix seconds)
 * The signature covers the prefix and the payload. A kiosk can refuse a forgery without
 * any database call (and, later, offline).
 */
export const TOKEN_PREFIX = "MCH:";
const VERSION = 1;
const PAYLOAD_BYTES = 28;
const SIGNATURE_BYTES = 64;
const PREFIX_BYTES = Buffer.from(TOKEN_PREFIX, "ascii");

export type PassClaims = { passId: string; buildingCode: number; validFrom: Date; validUntil: Date };
export type TokenCheck = ({ ok: true; kid: number } & PassClaims) | { ok: false; reason: "not_city_code" | "malformed" | "unknown_key" | "retired_key" | "bad_signature" };

const uuidToBytes = (id: string) => Buffer.from(id.replace(/-/g, ""), "hex");
const bytesToUuid = (b: Buffer) => {
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

export function signPassToken(claims: PassClaims, ring: KeyRing = keyRing()): string {
  const payload = Buffer.alloc(PAYLOAD_BYTES);
  payload.writeUInt8(VERSION, 0);
  payload.writeUInt8(ring.signing.kid, 1);
  uuidToBytes(claims.passId).copy(payload, 2);
  payload.writeUInt16BE(claims.buildingCode, 18);
  payload.writeUInt32BE(seconds(claims.validFrom), 20);
  payload.writeUInt32BE(seconds(claims.validUntil), 24);
  const signature = sign(null, Buffer.concat([PREFIX_BYTES, payload]), ring.signing.privateKey);
  return TOKEN_PREFIX + base45Encode(Buffer.concat([payload, signature]));
}

/** Pure: checks format, key and signature. Never touches the database. */
export function checkPassToken(text: string, ring: KeyRing = keyRing()): TokenCheck {
  // Scanners may add a line ending; base45 itself may end in a space, so only strip CR/LF.
  const cleaned = text.replace(/[\r\n]+$/g, "").replace(/^[\r\n]+/g, "");
  if (!cleaned.startsWith(TOKEN_PREFIX)) return { ok: false, reason: "not_city_code" };
  const decoded = base45Decode(cleaned.slice(TOKEN_PREFIX.length));
  if (!decoded || decoded.length !== PAYLOAD_BYTES + SIGNATURE_BYTES) return { ok: false, reason: "malformed" };
  const bytes = Buffer.from(decoded);
  if (bytes.readUInt8(0) !== VERSION) return { ok: false, reason: "malformed" };
  const key = ring.byKid.get(bytes.readUInt8(1));
  if (!key) return { ok: false, reason: "unknown_key" };
  if (key.retired) return { ok: false, reason: "retired_key" };
  const payload = bytes.subarray(0, PAYLOAD_BYTES);
  const signature = bytes.subarray(PAYLOAD_BYTES);
  if (!verify(null, Buffer.concat([PREFIX_BYTES, payload]), key.publicKey, signature)) return { ok: false, reason: "bad_signature" };
  return {
    ok: true,
    kid: key.kid,
    passId: bytesToUuid(payload.subarray(2, 18)),
    buildingCode: payload.readUInt16BE(18),
    validFrom: new Date(payload.readUInt32BE(20) * 1000),
    validUntil: new Date(payload.readUInt32BE(24) * 1000),
  };
}
