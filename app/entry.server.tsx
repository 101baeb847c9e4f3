import { Writable } from "node:stream";
import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { createInstance, type i18n } from "i18next";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { i18nConfig } from "~/i18n/config";
import { moveTrailingIntoBody } from "~/server/html-document";
import { resources } from "~/i18n/resources";
import { getLanguage } from "~/utils/i18next.server";
import { logError } from "~/modules/platform/logger.server";
import { NonceContext } from "~/utils/nonce";
import { redactError } from "~/server/error-handler";

// The hot JSON endpoints, served by Express before Remix (app/server/http-app.ts) from this
// bundle, so they share its modules (database pool, search cache) with the routes.
export { fastRoutes } from "~/server/fast-routes";
// Each HTTP process listens for cache clears of the others (platform/cache-bus.server.ts).
export { registerCache, startCacheBus } from "~/modules/platform/cache-bus.server";

/**
 * Every error in a loader, action or render, logged once with the request id (and reported
 * when SENTRY_DSN is set). Thrown 4xx responses are answers, not errors; an aborted request
 * (the visitor went away) is not an error either.
 */
export function handleError(error: unknown, { request }: LoaderFunctionArgs | ActionFunctionArgs) {
  // Drizzle puts the SQL and its parameters (a session id, an e-mail address) in the message.
  redactError(error);
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error)) {
    if (error.status < 500) return;
    const inner = (error as { error?: unknown }).error;
    return logError(inner ?? new Error(`${error.status} ${error.statusText}`), "error response");
  }
  logError(error, "error in a loader, action or render");
}

const ABORT_DELAY = 5_000;
export const streamTimeout = ABORT_DELAY;

// One ready i18next instance per language, made on first use: the server never changes an
// instance's language, so requests can share it (saves an init on every page).
const instances = new Map<string, Promise<i18n>>();
function i18nFor(lng: string): Promise<i18n> {
  let found = instances.get(lng);
  if (!found) {
    const instance = createInstance();
    found = instance
      .use(initReactI18next)
      .init({ ...i18nConfig, resources, lng })
      .then(() => instance);
    instances.set(lng, found);
  }
  return found;
}

/**
 * React 18.3's server renderer writes its whole 2,048-byte buffer when a multi-byte character
 * does not fit at its end (react-dom-server.node writeStringChunk), so the unused bytes arrive
 * as NUL before that character ("Türk\0çe"). HTML never holds a NUL (input with one is refused
 * at the edge), so every NUL in a rendered page is such a gap and is dropped.
 */
function withoutNulBytes(html: Buffer): Buffer {
  if (html.indexOf(0) === -1) return html;
  return Buffer.from(html.filter((byte) => byte !== 0));
}

/**
 * A page or data answer whose route did not say it may be shared (publicPageHeaders) can hold
 * someone's personal data: no browser or proxy may keep it (ASVS V8.2.1).
 */
function keepOutOfCaches(headers: Headers) {
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", "private, no-store");
}

export function handleDataRequest(response: Response) {
  keepOutOfCaches(response.headers);
  return response;
}

export default async function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext, loadContext?: AppLoadContext) {
  const nonce = loadContext?.cspNonce;
  const lng = await getLanguage(request);
  const instance = await i18nFor(lng);

  // The whole document is sent in one piece, not streamed: no page defers data, so streaming
  // would only split the same bytes into a dozen socket writes, and on this platform each
  // write is a system call that costs more than rendering a table row (docs/performance.md).
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    // Cleared once the page is out: a pending timer would keep the whole render alive for six seconds.
    const abortTimer = setTimeout(() => abort(), ABORT_DELAY + 1000);
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <I18nextProvider i18n={instance}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </I18nextProvider>
      </NonceContext.Provider>,
      {
        nonce,
        onAllReady() {
          shellRendered = true;
          const chunks: Buffer[] = [];
          const collect = new Writable({
            write(chunk: Buffer, _encoding, done) {
              chunks.push(chunk);
              done();
            },
            final(done) {
              const body = Buffer.from(moveTrailingIntoBody(withoutNulBytes(Buffer.concat(chunks)).toString("utf8")), "utf8");
              responseHeaders.set("Content-Type", "text/html; charset=utf-8");
              responseHeaders.set("Content-Language", lng);
              keepOutOfCaches(responseHeaders);
              responseHeaders.set("Content-Length", String(body.byteLength));
              clearTimeout(abortTimer);
              resolve(new Response(body, { headers: responseHeaders, status: responseStatusCode }));
              done();
            },
          });
          pipe(collect);
        },
        onShellError(error: unknown) {
          clearTimeout(abortTimer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) logError(redactError(error), "error while rendering");
        },
      },
    );
  });
}

/** Logs an error of a loader, action or render once, without SQL or query parameters (error-handler.ts). */
