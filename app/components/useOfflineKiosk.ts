import { useCallback, useEffect, useRef, useState } from "react";
import { decideOffline, readPassToken, type KioskBundle } from "~/modules/access/offline-kiosk";
import {
  addAdmitted,
  clearOfflineStore,
  offlineStorageAvailable,
  queuedScans,
  queueScan,
  readAdmitted,
  readBundle,
  removeQueued,
  writeBundle,
} from "~/modules/access/offline-store";
import type { KioskAnswerView } from "./KioskAnswer";

/** The kiosk page's cache (KIOSK_CACHE in kiosk.sw[.]js.ts). */
const KIOSK_CACHE = "mechelaar-kiosk-v1";
/** While online the kiosk sends its queue and refreshes its bundle this often, and whenever the network comes back. */
const REFRESH_MS = 60_000;
/** How long the kiosk waits for the server before it decides by itself. */
const SCAN_TIMEOUT_MS = 5_000;
/** MAX_SYNC_SCANS in offline.server.ts. */
const SYNC_BATCH = 200;

export type OfflineKiosk = {
  /** With JavaScript and IndexedDB the kiosk scans through fetch and can decide without network. */
  ready: boolean;
  /** The last call to the server failed (or the browser says it has no network). */
  offline: boolean;
  /** Scans decided without network, not yet acknowledged by the server. */
  queued: number;
  scan: (code: string) => Promise<KioskAnswerView>;
};

/** Registers the kiosk's service worker and keeps the page and its assets for a start without network. */
function keepPageOffline() {
  if (!("serviceWorker" in navigator) || !("caches" in window)) return;
  void navigator.serviceWorker.register("/kiosk/sw.js", { scope: "/kiosk" }).catch(() => {});
  void (async () => {
    const cache = await caches.open(KIOSK_CACHE);
    const assets = [...document.querySelectorAll<HTMLLinkElement | HTMLScriptElement>('link[rel="stylesheet"], link[rel="modulepreload"], script[src]')]
      .map((el) => ("href" in el ? el.href : el.src))
      .filter((h) => h && new URL(h).origin === location.origin);
    await cache.addAll(["/kiosk", ...new Set(assets)]);
  })().catch(() => {});
}

/**
 * The door kiosk without network (issue 19 item 2). With JavaScript the kiosk sends each code
 * to POST /kiosk/scan; when that fails (no network, server down), it decides by itself from
 * the offline bundle (offline-kiosk.ts), says so, and queues the scan. While online it sends
 * the queue to /kiosk/offline/sync and refreshes the bundle from /kiosk/offline/bundle.
 * Without JavaScript nothing here runs and the kiosk works online only, as before.
 */
export function useOfflineKiosk(kioskId: string | null): OfflineKiosk {
  const [ready, setReady] = useState(false);
  const [offline, setOffline] = useState(false);
  const [queued, setQueued] = useState(0);
  const busy = useRef(false);

  const countQueue = useCallback(async () => setQueued((await queuedScans()).length), []);

  /** Sends the queue, then fetches a fresh bundle. Errors leave everything for the next try. */
  const refresh = useCallback(async () => {
    if (!kioskId || busy.current) return;
    busy.current = true;
    try {
      const waiting = (await queuedScans()).filter((s) => s.kioskId === kioskId);
      for (let i = 0; i < waiting.length; i += SYNC_BATCH) {
        const batch = waiting.slice(i, i + SYNC_BATCH).map(({ id, code, at, outcome }) => ({ id, code, at, outcome }));
        const res = await fetch("/kiosk/offline/sync", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ scans: batch }) });
        if (res.status === 400) {
          // Not something a retry fixes: drop it rather than block the queue for ever.
          await removeQueued(batch.map((s) => s.id));
          continue;
        }
        // Too many calls: the server is there; try again at the next round.
        if (res.status === 429) return setOffline(false);
        if (!res.ok) throw new Error(`sync ${res.status}`);
        await removeQueued(((await res.json()) as { acknowledged: string[] }).acknowledged);
      }
      const res = await fetch("/kiosk/offline/bundle", { headers: { Accept: "application/json" } });
      if (res.status === 401) return location.reload();
      if (res.status === 429) return setOffline(false);
      if (!res.ok) throw new Error(`bundle ${res.status}`);
      const bundle = (await res.json()) as Omit<KioskBundle, "refreshedAt">;
      await writeBundle({ ...bundle, refreshedAt: Date.now() });
      setOffline(false);
    } catch {
      setOffline(true);
    } finally {
      busy.current = false;
      await countQueue().catch(() => {});
    }
  }, [kioskId, countQueue]);

  useEffect(() => {
    if (!offlineStorageAvailable()) return;
    if (!kioskId) {
      // Signed out (or revoked): nothing of the kiosk stays on the device.
      void clearOfflineStore().catch(() => {});
      return;
    }
    keepPageOffline();
    let stopped = false;
    void (async () => {
      const kept = await readBundle().catch(() => undefined);
      // Another kiosk signed in on this device: start clean.
      if (kept && kept.kioskId !== kioskId) await clearOfflineStore();
      if (stopped) return;
      setReady(true);
      setOffline(!navigator.onLine);
      await refresh();
    })().catch(() => {});
    const again = () => void refresh();
    const down = () => setOffline(true);
    window.addEventListener("online", again);
    window.addEventListener("offline", down);
    const timer = setInterval(again, REFRESH_MS);
    return () => {
      stopped = true;
      window.removeEventListener("online", again);
      window.removeEventListener("offline", down);
      clearInterval(timer);
    };
  }, [kioskId, refresh]);

  const decideHere = useCallback(
    async (code: string): Promise<KioskAnswerView> => {
      const now = Date.now();
      const decision = await decideOffline(code, await readBundle(), await readAdmitted(), now);
      if (decision.passId && kioskId) {
        await queueScan({ id: crypto.randomUUID(), kioskId, code: code.replace(/^[\r\n]+|[\r\n]+$/g, ""), at: new Date(now).toISOString(), outcome: decision.outcome });
        if (decision.outcome === "welcome") await addAdmitted(decision.passId, decision.validUntil ?? now);
      }
      await countQueue();
      return { outcome: decision.outcome, offline: true };
    },
    [kioskId, countQueue],
  );

  const scan = useCallback(
    async (code: string): Promise<KioskAnswerView> => {
      if (navigator.onLine) {
        try {
          const res = await fetch("/kiosk/scan", {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ code }),
            signal: AbortSignal.timeout(SCAN_TIMEOUT_MS),
          });
          if (res.status === 401) {
            location.reload();
            return { outcome: "kiosk_revoked" };
          }
          if (res.status < 500) {
            const answer = (await res.json()) as KioskAnswerView;
            setOffline(false);
            const token = answer.outcome === "welcome" ? readPassToken(code) : undefined;
            if (token) await addAdmitted(token.passId, token.validUntil);
            return answer;
          }
        } catch {
          // No answer from the server: decide here.
        }
      }
      setOffline(true);
      return decideHere(code);
    },
    [decideHere],
  );

  return { ready, offline, queued, scan };
}
