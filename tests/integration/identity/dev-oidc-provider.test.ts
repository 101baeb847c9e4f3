import { describe, expect, it } from "vitest";
import { devOidcProviderPort, loadEnv } from "../../../app/utils/env.server";
import { DEV_IDENTITIES, startDevOidcProvider } from "../../../scripts/lib/dev-oidc-provider";
import { freePort } from "../../setup/free-port";

describe("the local identity provider for development", () => {
  it("serves discovery, PKCE-only code flow, logout and its login page under /oidc, with obviously fake national numbers", async () => {
    const port = await freePort();
    const idp = await startDevOidcProvider({ port, portalUrl: "http://localhost:3000", clientId: "c", clientSecret: "s" });
    try {
      const d = (await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
      expect(d.issuer).toBe(`http://localhost:${port}/oidc`);
      expect(d.end_session_endpoint).toBe(`http://localhost:${port}/oidc/session/end`);
      expect(d.code_challenge_methods_supported).toEqual(["S256"]);
      const auth = new URL(String(d.authorization_endpoint));
      auth.search = new URLSearchParams({
        client_id: "c",
        response_type: "code",
        scope: "openid profile rrn",
        redirect_uri: "http://localhost:3000/aanmelden/eid/terug",
        state: "s1",
        nonce: "n1",
        code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        code_challenge_method: "S256",
      }).toString();
      const start = await fetch(auth, { redirect: "manual" });
      expect(start.status).toBe(303);
      const cookies = start.headers
        .getSetCookie()
        .map((c) => c.split(";")[0])
        .join("; ");
      const page = await (await fetch(new URL(start.headers.get("location")!, idp.issuer), { headers: { cookie: cookies } })).text();
      expect(page).toContain('name="login"');
      for (const id of DEV_IDENTITIES) expect(id.rrn).toMatch(/^00\.00\.00-/);
    } finally {
      await idp.close();
    }
  });

  it("runs in development by default, in tests only when its port is set (the e2e run), never in production", () => {
    const secret = { SESSION_SECRET: "x".repeat(40) };
    expect(devOidcProviderPort(loadEnv({ ...secret, NODE_ENV: "development" }))).toBe(3001);
    expect(devOidcProviderPort(loadEnv({ ...secret, NODE_ENV: "development", OIDC_DEV_PROVIDER_PORT: "0" }))).toBe(0);
    expect(devOidcProviderPort(loadEnv({ ...secret, NODE_ENV: "test" }))).toBe(0);
    expect(devOidcProviderPort(loadEnv({ ...secret, NODE_ENV: "test", OIDC_DEV_PROVIDER_PORT: "23205" }))).toBe(23205);
    expect(devOidcProviderPort(loadEnv({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(40), SMTP_URL: "smtp://localhost" }))).toBe(0);
  });

  it("is refused in production", async () => {
    await expect(startDevOidcProvider({ port: 0, portalUrl: "https://x", clientId: "c", clientSecret: "s", production: true })).rejects.toThrow(/refused/);
    const base = { NODE_ENV: "production", SESSION_SECRET: "x".repeat(40), SMTP_URL: "smtp://localhost" };
    expect(() => loadEnv({ ...base, OIDC_DEV_PROVIDER_PORT: "3001" })).toThrow(/OIDC_DEV_PROVIDER_PORT/);
    expect(() => loadEnv({ ...base, OIDC_ISSUER: "https://idp.example", OIDC_CLIENT_ID: "c", OIDC_CLIENT_SECRET: "s" })).toThrow(/OIDC_SUBJECT_HASH_SECRET/);
    expect(() => loadEnv({ ...base, OIDC_ISSUER: "http://idp.example", OIDC_CLIENT_ID: "c", OIDC_CLIENT_SECRET: "s", OIDC_SUBJECT_HASH_SECRET: "y".repeat(40) })).toThrow(/https/);
    expect(loadEnv({ ...base, OIDC_ISSUER: "https://idp.example", OIDC_CLIENT_ID: "c", OIDC_CLIENT_SECRET: "s", OIDC_SUBJECT_HASH_SECRET: "y".repeat(40) }).OIDC_ISSUER).toBe(
      "https://idp.example",
    );
  });
});
