import type { AppLoadContext } from "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's address as the HTTP server saw it (honours TRUST_PROXY). */
    clientIp?: string;
    /** This response's Content-Security-Policy nonce for inline scripts (app/server/security-headers.ts). */
    cspNonce?: string;
  }
}

export const clientIp = (context: AppLoadContext | undefined) => context?.clientIp ?? "unknown";
