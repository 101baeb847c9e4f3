/** The origin a target is resolved against; any other origin in the result means "elsewhere". */
const OWN = "http://portal.invalid";

/**
 * The one check for every user-given redirect target (`redirectTo` in forms and addresses,
 * the pending-login cookie, the language switch). The target is resolved against the
 * portal's own origin exactly as a browser resolves it (WHATWG URL: tabs and newlines
 * dropped, backslashes read as slashes, `.`/`%2e` dot segments removed, percent-encoding
 * normalised), and kept only when the result is a path on this origin that does not start
 * with `//` or `/\`. The *normalised* path is returned, so a Location header built from it
 * can never be read as another host: `/.//evil.example`, `/%2e//evil.example` and
 * `/a/..//evil.example` all fall back.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || to.length > 2048) return fallback;
  // What browsers strip before parsing: every tab and newline, and leading/trailing C0 controls and spaces.
  const stripped = to.replace(/[\t\n\r]/g, "");
  if (!stripped.startsWith("/") || stripped.startsWith("//") || stripped.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f\u007f]/.test(stripped)) return fallback;
  let url: URL;
  try {
    url = new URL(stripped, OWN);
  } catch {
    return fallback;
  }
  if (url.origin !== OWN || url.username || url.password) return fallback;
  const path = url.pathname;
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return fallback;
  return `${path}${url.search}${url.hash}`;
}
