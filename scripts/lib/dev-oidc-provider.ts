import { createServer, type Server } from "node:http";
import Provider, { type Configuration } from "oidc-provider";

/**
 * A local OpenID Connect provider for development and tests (panva's oidc-provider), standing
 * in for the Flemish ACM/IDM login with itsme/eID. Every identity here is fake: the national
 * register numbers start with 00.00.00 and belong to nobody. Never started in production
 * (env.server.ts refuses OIDC_DEV_PROVIDER_PORT there, and startDevOidcProvider refuses too).
 *
 * Its login page (oidc-provider's development interactions) takes a demo login name from the
 * list below; any other name logs in as a fresh fake person without e-mail address.
 */
export const DEV_IDENTITIES = [
  { login: "demo-burger", name: "Demo Burger", givenName: "Demo", familyName: "Burger", rrn: "00.00.00-001.01", email: "demo.burger@example.com", acr: "urn:be:vlaanderen:acm:substantial" },
  { login: "demo-hoog", name: "Demo Hoog", givenName: "Demo", familyName: "Hoog", rrn: "00.00.00-002.02", email: "demo.hoog@example.com", acr: "urn:be:vlaanderen:acm:high" },
  // Matches the demo resident an.peeters@example.com: the first login asks her to confirm that address with a code.
  { login: "an-peeters", name: "An Peeters", givenName: "An", familyName: "Peeters", rrn: "00.00.00-003.03", email: "an.peeters@example.com", acr: "urn:be:vlaanderen:acm:substantial" },
] as const;

export type DevOidcOptions = { port: number; host?: string; portalUrl: string; clientId: string; clientSecret: string; production?: boolean };

export async function startDevOidcProvider(opts: DevOidcOptions): Promise<{ issuer: string; server: Server; close: () => Promise<void> }> {
  if (opts.production) throw new Error("The development identity provider is refused when NODE_ENV=production.");
  const host = opts.host ?? "localhost";
  const issuer = `http://${host}:${opts.port}/oidc`;
  const byLogin = new Map<string, (typeof DEV_IDENTITIES)[number]>(DEV_IDENTITIES.map((i) => [i.login, i]));
  const configuration: Configuration = {
    clients: [
      {
        client_id: opts.clientId,
        client_secret: opts.clientSecret,
        redirect_uris: [`${opts.portalUrl}/aanmelden/eid/terug`],
        post_logout_redirect_uris: [`${opts.portalUrl}/aanmelden?afgemeld=1`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ["sub", "acr"], profile: ["name", "given_name", "family_name"], email: ["email", "email_verified"], rrn: ["rrn"] },
    acrValues: ["urn:be:vlaanderen:acm:substantial", "urn:be:vlaanderen:acm:high"],
    // The profile in the id_token too, like ACM/IDM does.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    cookies: { keys: ["dev-oidc-provider-cookie-key-not-secret"] },
    async findAccount(_ctx, sub) {
      const known = byLogin.get(sub);
      const person = known ?? { name: `Demo ${sub}`.slice(0, 80), givenName: "Demo", familyName: sub.slice(0, 60), rrn: null, email: null, acr: "urn:be:vlaanderen:acm:substantial" };
      return {
        accountId: sub,
        async claims() {
          return {
            sub,
            acr: person.acr,
            name: person.name,
            given_name: person.givenName,
            family_name: person.familyName,
            ...(person.email ? { email: person.email, email_verified: true } : {}),
            ...(person.rrn ? { rrn: person.rrn } : {}),
          };
        },
      };
    },
  };
  const provider = new Provider(issuer, configuration);
  // Plain http on localhost: development only.
  provider.proxy = false;
  const callback = provider.callback();
  const server = createServer((req, res) => {
    if (!req.url?.startsWith("/oidc")) {
      res.statusCode = 404;
      res.end("Not found");
      return;
    }
    // Mounted under /oidc the way Express mounts it: oidc-provider reads the prefix from originalUrl.
    (req as typeof req & { originalUrl: string }).originalUrl = req.url;
    req.url = req.url.slice("/oidc".length) || "/";
    void callback(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, host === "localhost" ? "127.0.0.1" : host, () => resolve());
  });
  return { issuer, server, close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))) };
}
