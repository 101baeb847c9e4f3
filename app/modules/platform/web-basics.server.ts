import { publishedForSitemap } from "~/modules/knowledge/sitemap.server";
import { env } from "~/utils/env.server";

/**
 * The files crawlers and security researchers look for: robots.txt, sitemap.xml and
 * /.well-known/security.txt (RFC 9116). Computed, not static, because they carry the portal's
 * own address (PUBLIC_URL) and, for security.txt, an expiry date that must stay in the future.
 */

/** Public pages worth finding; everything behind a login or on a device stays out (robots.txt). */
const PUBLIC_PAGES = ["/", "/mikipedia", "/aanvragen", "/afspraak", "/dienstverlening-in-cijfers", "/toegankelijkheid", "/privacy"];
const PRIVATE_PREFIXES = ["/werk", "/kiosk", "/pas", "/dev", "/mijn", "/medewerkers", "/tevredenheid", "/wachtzaal", "/aanmelden", "/registreren", "/api/"];

export function robotsTxt(): string {
  return [
    "User-agent: *",
    ...PRIVATE_PREFIXES.map((p) => `Disallow: ${p}`),
    // The open catalogue and open data are meant to be found.
    "Allow: /api/v1/catalog",
    "Allow: /api/v1/open-data",
    "",
    `Sitemap: ${env().PUBLIC_URL}/sitemap.xml`,
    "",
  ].join("\n");
}

const xml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export async function sitemapXml(): Promise<string> {
  const base = env().PUBLIC_URL;
  const { articles, themes, audiences } = await publishedForSitemap();
  const url = (path: string, lastmod?: Date, alternates: string[] = []) =>
    `<url><loc>${xml(base + path)}</loc>${lastmod ? `<lastmod>${lastmod.toISOString().slice(0, 10)}</lastmod>` : ""}${alternates
      .map((lng) => `<xhtml:link rel="alternate" hreflang="${lng}" href="${xml(`${base}${path}?lng=${lng}`)}"/>`)
      .join("")}</url>`;
  const entries = [
    ...PUBLIC_PAGES.map((p) => url(p)),
    ...themes.map((t) => url(`/mikipedia/thema/${encodeURIComponent(t)}`)),
    ...audiences.map((a) => url(`/mikipedia/doelgroep/${encodeURIComponent(a)}`)),
    ...articles.map((a) => url(`/mikipedia/${encodeURIComponent(a.slug)}`, a.updatedAt, a.languages.length > 1 ? a.languages : [])),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${entries.join("\n")}\n</urlset>\n`;
}

/** RFC 9116: Contact and Expires are required; Expires is kept a year ahead, always. */
export function securityTxt(now = new Date()): string {
  const { PUBLIC_URL, SECURITY_CONTACT } = env();
  const contact = SECURITY_CONTACT ?? `mailto:security@${new URL(PUBLIC_URL).hostname}`;
  const expires = new Date(now.getTime() + 365 * 24 * 3600 * 1000);
  expires.setUTCHours(0, 0, 0, 0);
  return [`Contact: ${contact}`, `Expires: ${expires.toISOString()}`, "Preferred-Languages: nl, en, fr", `Canonical: ${PUBLIC_URL}/.well-known/security.txt`, ""].join("\n");
}
