/**
 * Checks that text from the outside is what it claims to be: valid UTF-8 after
 * percent-decoding and free of NUL bytes. Used by the HTTP edge (app/server/input-guards.ts)
 * for paths and queries, and by the request kernel for url-encoded bodies.
 */

/** A URL component decodes to UTF-8 text without NUL (decodeURIComponent throws on bad UTF-8). */
export function decodesCleanly(component: string, plusIsSpace: boolean): boolean {
  try {
    const decoded = decodeURIComponent(plusIsSpace ? component.replace(/\+/g, " ") : component);
    return !decoded.includes("\0");
  } catch {
    return false;
  }
}

/** An application/x-www-form-urlencoded string (a query or a form body) whose every name and value decodes cleanly. */
export function cleanUrlEncoded(text: string): boolean {
  if (text === "") return true;
  return text.split("&").every((pair) => pair.split("=").every((part) => decodesCleanly(part, true)));
}

/** The raw request target holds only printable ASCII, and its path and query decode cleanly. */
export function cleanRequestTarget(target: string): boolean {
  // Bytes outside printable ASCII must arrive percent-encoded.
  if (/[^\x21-\x7e]/.test(target)) return false;
  const q = target.indexOf("?");
  if (!decodesCleanly(q === -1 ? target : target.slice(0, q), false)) return false;
  return q === -1 || cleanUrlEncoded(target.slice(q + 1));
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
/** Bytes as UTF-8 text, or undefined when they are not valid UTF-8 or hold a NUL. */
export function cleanUtf8(bytes: ArrayBuffer | Uint8Array): string | undefined {
  try {
    const text = strictUtf8.decode(bytes);
    return text.includes("\0") ? undefined : text;
  } catch {
    return undefined;
  }
}
