import { randomBytes } from "node:crypto";

/**
 * The pass's manual fallback: a short code a person can read out and type at the door.
 *
 * 8 random characters (40 bits) + 1 check character, from Crockford's base32 alphabet
 * (no I, L, O or U, so no look-alikes). The check character is Luhn mod 32: it catches
 * every single mistyped character and most swaps of two neighbours, so a typo is
 * answered "check the code" without a database call. Shown grouped as "K7M2-9QXH-3".
 */
export const SHORT_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const N = SHORT_CODE_ALPHABET.length;
export const SHORT_CODE_BODY = 8;
export const SHORT_CODE_LENGTH = SHORT_CODE_BODY + 1;

function luhnCheck(body: string): string {
  let factor = 2;
  let sum = 0;
  for (let i = body.length - 1; i >= 0; i--) {
    let addend = factor * SHORT_CODE_ALPHABET.indexOf(body[i]);
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / N) + (addend % N);
    sum += addend;
  }
  return SHORT_CODE_ALPHABET[(N - (sum % N)) % N];
}

/** A new random code, normalised (no separators). */
export function newShortCode(): string {
  const bytes = randomBytes(SHORT_CODE_BODY);
  let body = "";
  for (const b of bytes) body += SHORT_CODE_ALPHABET[b % N]; // 256 is a multiple of 32: no bias
  return body + luhnCheck(body);
}

/**
 * What a person typed → the stored form, or undefined when it cannot be a short code.
 * Case, spaces and hyphens do not matter; I and L are read as 1, O as 0 (Crockford).
 */
export function normaliseShortCode(input: string): string | undefined {
  const cleaned = input
    .toUpperCase()
    .replace(/[\s\-–.]/g, "")
    .replace(/[IL]/g, "1")
    .replace(/O/g, "0");
  if (cleaned.length !== SHORT_CODE_LENGTH) return undefined;
  if (![...cleaned].every((c) => SHORT_CODE_ALPHABET.includes(c))) return undefined;
  return cleaned;
}

/** True when the last character matches the others. */
export function shortCodeCheckOk(normalised: string): boolean {
  return normalised.length === SHORT_CODE_LENGTH && luhnCheck(normalised.slice(0, -1)) === normalised.slice(-1);
}

/** "K7M29QXH3" → "K7M2-9QXH-3", for pages and mails. */
export function formatShortCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/** Could this text be a typed short code (and not a scanned QR text)? */
export const looksLikeShortCode = (text: string) => text.trim().length <= 16 && !text.startsWith("MCH:");
