import { Secret, TOTP } from "otpauth";
import { cookieJar, type startTestServer } from "../../setup/http-server";

type Server = Awaited<ReturnType<typeof startTestServer>>;

/** The current code (or the one `offsetSeconds` later) that an authenticator app would show. */
export const totpCode = (secret: string, offsetSeconds = 0) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30, timestamp: Date.now() + offsetSeconds * 1000 });

/** The secret the set-up page shows as text next to the QR code. */
export function secretOnPage(html: string) {
  const match = html.match(/<code class="totp-secret">([A-Z2-7 ]+)<\/code>/);
  if (!match) throw new Error("no TOTP secret on the page");
  return match[1].replace(/ /g, "");
}

export const recoveryCodesOnPage = (html: string) => [...html.matchAll(/<code>([0-9A-Z]{5}-[0-9A-Z]{5})<\/code>/g)].map((m) => m[1]);

/** The staff login's first step, as a browser would send it; the jar keeps what it sets. */
export async function passwordStep(server: Server, email: string, password = "Correct-horse-battery-1", redirectTo = "/werk") {
  const jar = cookieJar();
  const res = await server.post("/medewerkers/aanmelden", { email, password, redirectTo });
  jar.store(res);
  return { jar, res };
}

export const cookieNames = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split("=")[0])
    .sort();
