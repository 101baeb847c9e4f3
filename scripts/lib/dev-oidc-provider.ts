import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";

/**
 * A local OpenID Connect provider for development and tests (panva's oidc-provider), standing
 * in for the Flemish ACM/IDM login with itsme/eID and, for staff single sign-on, for the city's
 * own provider. Every identity here is fake: the national register numbers start with 00.00.00
 * and belong to nobody; the staff groups exist nowhere. Never started in production
 * (env.server.ts refuses OIDC_DEV_PROVIDER_PORT there, and startDevOidcProvider refuses too).
 *
 * Its pages (login, consent, logout) are its own, plain Dutch HTML with labelled fields, so
 * that journeys drive them like a resident would and the accessibility checks pass on them.
 * A demo login name from the lists below logs in as that person; any other name logs in as a
 * fresh fake resident without e-mail address.
 */
export const DEV_IDENTITIES = [
  {
    login: "demo-burger",
    name: "Demo Burger",
    givenName: "Demo",
    familyName: "Burger",
    rrn: "00.00.00-001.01",
    email: "demo.burger@example.com",
    acr: "urn:be:vlaanderen:acm:substantial",
  },
  { login: "demo-hoog", name: "Demo Hoog", givenName: "Demo", familyName: "Hoog", rrn: "00.00.00-002.02", email: "demo.hoog@example.com", acr: "urn:be:vlaanderen:acm:high" },
  // Matches the demo resident an.peeters@example.com: the first login asks her to confirm that address with a code.
  {
    login: "an-peeters",
    name: "An Peeters",
    givenName: "An",
    familyName: "Peeters",
    rrn: "00.00.00-003.03",
    email: "an.peeters@example.com",
    acr: "urn:be:vlaanderen:acm:substantial",
  },
] as const;

/**
 * Fake staff of the city's provider, for staff single sign-on (STAFF_OIDC_*, decision 018):
 * each carries groups in the `groups` claim, mapped to roles and teams by STAFF_OIDC_GROUP_MAP.
 * The second factor is the provider's job; this one marks every staff login with `amr: ["pwd", "otp"]`.
 */
export const DEV_STAFF_IDENTITIES = [
  { login: "stad-loket", name: "Demo Loketmedewerker (SSO)", email: "sso.loket@example.com", groups: ["demo-mechelen-loket-burgerzaken"] },
  { login: "stad-teamlead", name: "Demo Teamleider (SSO)", email: "sso.teamlead@example.com", groups: ["demo-mechelen-backoffice-welzijn", "demo-mechelen-teamleads-welzijn"] },
  { login: "stad-onbekend", name: "Demo Zonder Rechten (SSO)", email: "sso.onbekend@example.com", groups: ["demo-mechelen-personeelsfeest"] },
] as const;

/** The client id the portal's staff login uses at this provider (its redirect goes to /medewerkers/aanmelden/stad/terug). */
export const DEV_STAFF_CLIENT = { id: "mechelaar-staff-dev", secret: "dev-staff-secret-only-for-the-local-identity-provider" } as const;

export type DevOidcOptions = { port: number; host?: string; portalUrl: string; clientId: string; clientSecret: string; production?: boolean };

type Person = { name: string; givenName: string; familyName: string; rrn: string | null; email: string | null; acr: string; groups?: readonly string[] };

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** One page of the provider: valid HTML, Dutch, one main landmark, readable at 320 px. */
function page(title: string, body: string) {
  return `<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} – ontwikkel-identiteitsdienst (nep)</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;padding:1rem;line-height:1.5;color:#1a1a1a;background:#fff}
main{max-width:36rem;margin:0 auto}
.fake{border:2px solid #8a4b00;padding:.5rem 1rem;background:#fff4e5}
label{display:block;font-weight:600}
input[type=text]{font-size:1rem;padding:.5rem;width:100%;max-width:20rem;box-sizing:border-box;border:2px solid #333}
button{font-size:1rem;padding:.5rem 1rem;margin:.5rem .5rem .5rem 0;border:2px solid #003a70;background:#003a70;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#003a70}
button:focus,input:focus{outline:3px solid #ffbf47;outline-offset:2px}
table{border-collapse:collapse}th,td{border:1px solid #666;padding:.25rem .5rem;text-align:left}
.table-wrap{overflow-x:auto}
</style>
</head>
<body>
<main>
<p class="fake">Ontwikkel-identiteitsdienst met <strong>nep-identiteiten</strong>. Dit is niet itsme, geen eID en niet de Vlaamse overheid.</p>
${body}
</main>
</body>
</html>`;
}

function send(res: ServerResponse, status: number, html: string) {
  res.writeHead(status, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
  res.end(html);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = "";
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > 10_000) break;
  }
  return new URLSearchParams(body);
}

function loginPage(action: string, staff: boolean, error?: string) {
  const rows = staff
    ? DEV_STAFF_IDENTITIES.map((i) => `<tr><td><code>${esc(i.login)}</code></td><td>${esc(i.name)}</td><td>${esc(i.groups.join(", "))}</td></tr>`).join("")
    : DEV_IDENTITIES.map((i) => `<tr><td><code>${esc(i.login)}</code></td><td>${esc(i.name)}</td><td>${esc(i.rrn)}</td></tr>`).join("");
  const head = staff
    ? '<th scope="col">Loginnaam</th><th scope="col">Naam</th><th scope="col">Groepen (nep)</th>'
    : '<th scope="col">Loginnaam</th><th scope="col">Naam</th><th scope="col">Rijksregisternummer (nep)</th>';
  return page(
    "Aanmelden",
    `<h1>Aanmelden</h1>
<p>${staff ? "Kies een nep-medewerker van de stad." : "Kies een nep-identiteit, of typ een andere loginnaam voor een nieuwe nep-persoon zonder e-mailadres."}</p>
<div class="table-wrap"><table><caption>Demo-identiteiten</caption><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>
${error ? `<p role="alert" id="login-error"><strong>Fout:</strong> ${esc(error)}</p>` : ""}
<form method="post" action="${esc(action)}">
<input type="hidden" name="prompt" value="login">
<p><label for="login">Loginnaam</label><input type="text" id="login" name="login" required autocomplete="off" spellcheck="false" maxlength="60"${error ? ' aria-describedby="login-error"' : ""}></p>
<p><button type="submit">Aanmelden</button></p>
</form>
<form method="post" action="${esc(action)}"><input type="hidden" name="prompt" value="abort"><button type="submit" class="secondary">Annuleren</button></form>`,
  );
}

function consentPage(action: string, clientName: string, asked: string[]) {
  const labels: Record<string, string> = { profile: "uw naam", email: "uw e-mailadres", rrn: "uw rijksregisternummer (nep)", groups: "uw groepen bij de stad (nep)" };
  const items = asked.map((s) => labels[s] ?? s);
  return page(
    "Toestemming",
    `<h1>Toestemming</h1>
<p>${esc(clientName)} vraagt:</p>
<ul>${(items.length ? items : ["dezelfde gegevens als de vorige keer"]).map((i) => `<li>${esc(i)}</li>`).join("")}</ul>
<form method="post" action="${esc(action)}">
<input type="hidden" name="prompt" value="consent">
<button type="submit">Toestemming geven</button>
</form>
<form method="post" action="${esc(action)}"><input type="hidden" name="prompt" value="abort"><button type="submit" class="secondary">Weigeren</button></form>`,
  );
}

export async function startDevOidcProvider(opts: DevOidcOptions): Promise<{ issuer: string; server: Server; close: () => Promise<void> }> {
  if (opts.production) throw new Error("The development identity provider is refused when NODE_ENV=production.");
  const host = opts.host ?? "localhost";
  const issuer = `http://${host}:${opts.port}/oidc`;
  const byLogin = new Map<string, Person>(DEV_IDENTITIES.map((i) => [i.login, i]));
  const staffByLogin = new Map<string, Person>(
    DEV_STAFF_IDENTITIES.map((i) => [
      `staff:${i.login}`,
      { name: i.name, givenName: "", familyName: "", rrn: null, email: i.email, acr: "urn:mechelen:staff:mfa", groups: i.groups },
    ]),
  );
  const configuration: Configuration = {
    clients: [
      {
        client_id: opts.clientId,
        client_secret: opts.clientSecret,
        client_name: "Digitaal Huis van de Mechelaar",
        redirect_uris: [`${opts.portalUrl}/aanmelden/eid/terug`],
        post_logout_redirect_uris: [`${opts.portalUrl}/aanmelden?afgemeld=1`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
      {
        client_id: DEV_STAFF_CLIENT.id,
        client_secret: DEV_STAFF_CLIENT.secret,
        client_name: "Digitaal Huis van de Mechelaar (medewerkers)",
        redirect_uris: [`${opts.portalUrl}/medewerkers/aanmelden/stad/terug`],
        post_logout_redirect_uris: [`${opts.portalUrl}/medewerkers/aanmelden`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    pkce: { required: () => true },
    // The staff groups come with the profile, as at most city providers (no extra scope to ask for).
    claims: { openid: ["sub", "acr", "amr"], profile: ["name", "given_name", "family_name", "groups"], email: ["email", "email_verified"], rrn: ["rrn"] },
    acrValues: ["urn:be:vlaanderen:acm:substantial", "urn:be:vlaanderen:acm:high", "urn:mechelen:staff:mfa"],
    // The profile in the id_token too, like ACM/IDM does.
    conformIdTokenClaims: false,
    interactions: { url: (_ctx, interaction) => `/oidc/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource(ctx: KoaContextWithOIDC, form: string) {
          ctx.type = "html";
          ctx.body = page(
            "Afmelden",
            `<h1>Afmelden</h1><p>Wilt u zich ook afmelden bij de identiteitsdienst?</p>${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Ja, afmelden</button>
<button type="submit" form="op.logoutForm" class="secondary">Nee, aangemeld blijven</button>`,
          );
        },
        postLogoutSuccessSource(ctx: KoaContextWithOIDC) {
          ctx.type = "html";
          ctx.body = page("Afgemeld", "<h1>Afgemeld</h1><p>U bent afgemeld bij de identiteitsdienst.</p>");
        },
      },
    },
    cookies: { keys: ["dev-oidc-provider-cookie-key-not-secret"] },
    // Short lives, set explicitly (seconds): a development provider keeps everything in memory.
    ttl: { Interaction: 600, Session: 8 * 3600, Grant: 8 * 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    async findAccount(_ctx, sub) {
      const staff = staffByLogin.get(sub);
      const person: Person = staff ??
        byLogin.get(sub) ?? { name: `Demo ${sub}`.slice(0, 80), givenName: "Demo", familyName: sub.slice(0, 60), rrn: null, email: null, acr: "urn:be:vlaanderen:acm:substantial" };
      return {
        accountId: sub,
        async claims() {
          return {
            sub,
            acr: person.acr,
            ...(staff ? { amr: ["pwd", "otp"] } : {}),
            name: person.name,
            ...(person.givenName ? { given_name: person.givenName, family_name: person.familyName } : {}),
            ...(person.email ? { email: person.email, email_verified: true } : {}),
            ...(person.rrn ? { rrn: person.rrn } : {}),
            ...(person.groups ? { groups: [...person.groups] } : {}),
          };
        },
      };
    },
  };
  const provider = new Provider(issuer, configuration);
  // Plain http on localhost: development only.
  provider.proxy = false;
  const callback = provider.callback();

  /** The login and consent pages (what devInteractions would do, in plain accessible Dutch). */
  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string) {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) return send(res, 400, page("Fout", "<h1>Fout</h1><p>Deze aanmelding is verlopen.</p>"));
    const { prompt, params, session, grantId } = details;
    const staff = params.client_id === DEV_STAFF_CLIENT.id;
    const action = `/oidc/interaction/${uid}`;
    if (req.method === "GET") {
      if (prompt.name === "login") return send(res, 200, loginPage(action, staff));
      const client = await provider.Client.find(String(params.client_id));
      const d = prompt.details as { missingOIDCScope?: string[] };
      return send(
        res,
        200,
        consentPage(
          action,
          client?.clientName ?? String(params.client_id),
          (d.missingOIDCScope ?? []).filter((s) => s !== "openid"),
        ),
      );
    }
    const form = await readForm(req);
    const choice = form.get("prompt");
    if (choice === "abort") {
      return provider.interactionFinished(req, res, { error: "access_denied", error_description: "End-User aborted interaction" }, { mergeWithLastSubmission: false });
    }
    if (choice === "login" && prompt.name === "login") {
      const login = (form.get("login") ?? "").trim().slice(0, 60);
      if (!login) return send(res, 400, loginPage(action, staff, "Vul een loginnaam in."));
      if (!/^[A-Za-z0-9._-]+$/.test(login)) return send(res, 400, loginPage(action, staff, "Gebruik alleen letters, cijfers, punten, streepjes en liggende streepjes."));
      const accountId = staff ? `staff:${login}` : login;
      if (staff && !staffByLogin.has(accountId)) return send(res, 400, loginPage(action, staff, "Kies een loginnaam uit de lijst."));
      const acr = staff ? "urn:mechelen:staff:mfa" : (byLogin.get(login)?.acr ?? "urn:be:vlaanderen:acm:substantial");
      return provider.interactionFinished(req, res, { login: { accountId, acr, ...(staff ? { amr: ["pwd", "otp"] } : {}) } }, { mergeWithLastSubmission: false });
    }
    if (choice === "consent" && prompt.name === "consent") {
      const d = prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
      const grant = grantId ? await provider.Grant.find(grantId) : new provider.Grant({ accountId: session!.accountId, clientId: String(params.client_id) });
      if (!grant) return send(res, 400, page("Fout", "<h1>Fout</h1><p>Deze aanmelding is verlopen.</p>"));
      if (d.missingOIDCScope) grant.addOIDCScope(d.missingOIDCScope.join(" "));
      if (d.missingOIDCClaims) grant.addOIDCClaims(d.missingOIDCClaims);
      return provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
    }
    send(res, 400, page("Fout", "<h1>Fout</h1><p>Onbekende keuze.</p>"));
  }

  const server = createServer((req, res) => {
    if (!req.url?.startsWith("/oidc")) {
      res.statusCode = 404;
      res.end("Not found");
      return;
    }
    const own = /^\/oidc\/interaction\/([A-Za-z0-9_-]{1,100})$/.exec(req.url.split("?")[0]);
    if (own && (req.method === "GET" || req.method === "POST")) {
      interaction(req, res, own[1]).catch(() => {
        if (!res.headersSent) send(res, 400, page("Fout", "<h1>Fout</h1><p>Deze aanmelding is verlopen of ongeldig. Begin opnieuw bij het portaal.</p>"));
      });
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
