import { anyone, loaderOf } from "~/utils/kernel";
/**
 * The door kiosk's service worker (issue 19 item 2): once signed in with network, the kiosk
 * page also starts without network (a restart, a power cut). Scope /kiosk (header below).
 *
 * - The kiosk page (/kiosk): network first, so a revoked or signed-out kiosk shows as soon as
 *   there is network; the last good copy when there is none. The copy is the page as the
 *   server sent it, with its own CSP header and matching nonce.
 * - Fingerprinted assets (/build/...) and the QR decoder (/kiosk/zxing_reader.wasm): from the
 *   cache when there, else fetched and kept (they never change under the same name).
 * Nothing else: scans, the offline bundle and the sync always go to the network (the page keeps
 * what it needs in IndexedDB, see useOfflineKiosk). The page caches itself on its first visit,
 * before this worker controls it.
 */
export const KIOSK_CACHE = "mechelaar-kiosk-v1"; // the same name in app/components/useOfflineKiosk.ts

const source = `
const CACHE = ${JSON.stringify(KIOSK_CACHE)};
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("mechelaar-kiosk-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});
self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && url.pathname === "/kiosk") {
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            event.waitUntil(caches.open(CACHE).then((cache) => cache.put("/kiosk", copy)));
          }
          return response;
        })
        .catch(() => caches.match("/kiosk").then((cached) => cached || Response.error())),
    );
    return;
  }
  if (url.pathname.startsWith("/build/") || url.pathname === "/kiosk/zxing_reader.wasm") {
    event.respondWith(
      caches.match(request).then(
        (cached) =>
          cached ||
          fetch(request).then((response) => {
            if (response.ok) {
              const copy = response.clone();
              event.waitUntil(caches.open(CACHE).then((cache) => cache.put(request, copy)));
            }
            return response;
          }),
      ),
    );
  }
});
`;

export const loader = loaderOf({
  guard: anyone,
  run: () =>
    new Response(source, {
      headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-cache", "Service-Worker-Allowed": "/kiosk" },
    }),
});
