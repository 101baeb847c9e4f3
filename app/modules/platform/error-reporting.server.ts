import * as Sentry from "@sentry/node";
import type { ErrorEvent } from "@sentry/node";
import { onErrorLogged, scrub } from "./logger.server";

/**
 * Optional error reporting to Sentry or a Sentry-compatible service (a self-hosted GlitchTip),
 * through the official SDK: off unless SENTRY_DSN is set. Every error the portal logs
 * (logger.server.ts `logError`: loaders, actions, rendering, fast routes, the worker) is sent
 * once, tagged with its request id and route id.
 *
 * The same rule as the logs: no cookies, headers, request bodies, query strings, user data,
 * e-mail addresses, login codes or national numbers. The SDK starts without its default
 * integrations (no automatic request, console or breadcrumb capture, no tracing, nothing that
 * patches modules), and `beforeSend` strips whatever an event still carries.
 */

/** An event as it may leave the portal. Exported for the test. */
export function stripEvent(event: ErrorEvent): ErrorEvent {
  delete event.user;
  delete event.breadcrumbs;
  delete event.extra;
  delete event.server_name;
  if (event.request) {
    const url = event.request.url ? scrub(event.request.url.split("?")[0]) : undefined;
    event.request = { method: event.request.method, url };
  }
  if (event.message) event.message = scrub(event.message);
  for (const value of event.exception?.values ?? []) {
    if (value.value) value.value = scrub(value.value);
    for (const frame of value.stacktrace?.frames ?? []) delete frame.vars;
  }
  if (event.contexts) event.contexts = { trace: event.contexts.trace, runtime: event.contexts.runtime, os: event.contexts.os };
  return event;
}

let started = false;

export function startErrorReporting({ dsn, environment, release }: { dsn: string; environment: string; release?: string }) {
  if (started) return;
  started = true;
  Sentry.initWithoutDefaultIntegrations({
    dsn,
    environment,
    release,
    // Collect nothing about people or requests; beforeSend removes what is left anyway.
    dataCollection: { userInfo: false, cookies: false, httpHeaders: false, httpBodies: [], urlQueryParams: false, genAI: { inputs: false, outputs: false } },
    enableRuntimeChannelInjection: false,
    beforeBreadcrumb: () => null,
    beforeSend: (event) => stripEvent(event),
  });
  onErrorLogged((err, ctx) => {
    Sentry.captureException(err, { tags: { request_id: ctx?.requestId, route: ctx?.routeId } });
  });
}

/** Sends what is still queued (at shutdown). */
export async function flushErrorReporting(timeoutMs = 2000) {
  if (started) await Sentry.flush(timeoutMs);
}
