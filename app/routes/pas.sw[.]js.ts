import { anyone, loaderOf } from "~/utils/kernel";
/**
 * The service worker of the visitor's pass page (`/pas/<id>/<key>`): once opened with network,
 * the page also opens at the door without network. Its scope is /pas/ (where it is served),
 * so it sees nothing else of the portal.
 *
 * - A pass page: network first, so a changed or revoked pass shows as soon as there is
 *   network; the last good copy when there is none.
 * - The page's fingerprinted assets (/build/...): from the cache when there, they never change.
 * Nothing else is kept. The page itself puts its own address and stylesheets in the cache on
 * its first visit (see pas.$id.$key.tsx), before this worker controls it.
 */
export const PASS_CACHE = "mechelaar-pas-v1";

const source = `
const CACHE = ${JSON.stringify(PASS_CACHE)};
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("mechelaar-pas-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});
self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && /^\\/pas\\/[^/]+\\/[^/]+$/.test(url.pathname)) {
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            event.waitUntil(caches.open(CACHE).then((cache) => cache.put(url.pathname, copy)));
          } else if (response.status === 404) {
            // Withdrawn or erased: forget the copy too.
            event.waitUntil(caches.open(CACHE).then((cache) => cache.delete(url.pathname)));
          }
          return response;
        })
        .catch(() => caches.match(url.pathname).then((cached) => cached || Response.error())),
    );
    return;
  }
  if (url.pathname.startsWith("/build/")) {
    event.respondWith(caches.match(request).then((cached) => cached || fetch(request)));
  }
});
`;

export const loader = loaderOf({
  guard: anyone,
  run: () =>
    new Response(source, {
      headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-cache", "Service-Worker-Allowed": "/pas/" },
    }),
});
