import { data } from "@remix-run/node";
import type { AppLoadContext } from "@remix-run/node";
import { DomainError } from "~/modules/platform/errors";
import type { FormFailure } from "./forms";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's address as the HTTP server saw it (honours TRUST_PROXY). */
    clientIp?: string;
    /** This response's Content-Security-Policy nonce for inline scripts (app/server/security-headers.ts). */
    cspNonce?: string;
  }
}

export const clientIp = (context: AppLoadContext | undefined) => context?.clientIp ?? "unknown";

/**
 * Turns an expected DomainError into a form failure the page can show (values kept);
 * anything else is rethrown to the error boundary.
 */
export function domainErrorToForm(err: unknown, values: FormFailure["values"]) {
  if (!(err instanceof DomainError)) throw err;
  if (err.code === "NOT_FOUND" || err.code === "FORBIDDEN") throw new Response(err.code, { status: err.status });
  const headers: HeadersInit = {};
  if (err.code === "RATE_LIMITED" && typeof err.details.retryAfterSeconds === "number") {
    headers["Retry-After"] = String(err.details.retryAfterSeconds);
  }
  const { password: _pw, ...safe } = values;
  return data<FormFailure & { ok: false }>({ ok: false, errors: { _form: err.messageKey }, values: safe }, { status: err.status, headers });
}
