import { Writable } from "node:stream";
import type { EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { createInstance, type i18n } from "i18next";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { i18nConfig } from "~/i18n/config";
import { moveTrailingIntoBody } from "~/server/html-document";
import { resources } from "~/i18n/resources";
import { getLanguage } from "~/utils/i18next.server";

// The hot JSON endpoints, served by Express before Remix (app/server/http-app.ts) from this
// bundle, so they share its modules (database pool, search cache) with the routes.
export { fastRoutes } from "~/server/fast-routes";
// Each HTTP process listens for cache clears of the others (platform/cache-bus.server.ts).
export { startCacheBus } from "~/modules/platform/cache-bus.server";

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

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  const lng = await getLanguage(request);
  const instance = await i18nFor(lng);

  // The whole document is sent in one piece, not streamed: no page defers data, so streaming
  // would only split the same bytes into a dozen socket writes, and on this platform each
  // write is a system call that costs more than rendering a table row (docs/performance.md).
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <I18nextProvider i18n={instance}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />
      </I18nextProvider>,
      {
        onAllReady() {
          shellRendered = true;
          const chunks: Buffer[] = [];
          const collect = new Writable({
            write(chunk: Buffer, _encoding, done) {
              chunks.push(chunk);
              done();
            },
            final(done) {
              const body = Buffer.from(moveTrailingIntoBody(Buffer.concat(chunks).toString("utf8")), "utf8");
              responseHeaders.set("Content-Type", "text/html; charset=utf-8");
              responseHeaders.set("Content-Language", lng);
              responseHeaders.set("Content-Length", String(body.byteLength));
              resolve(new Response(body, { headers: responseHeaders, status: responseStatusCode }));
              done();
            },
          });
          pipe(collect);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY + 1000);
  });
}
