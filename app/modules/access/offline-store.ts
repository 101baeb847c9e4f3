import type { KioskBundle, OfflineOutcome } from "./offline-kiosk";

/**
 * What a door kiosk keeps in IndexedDB (browser only; issue 19 item 2):
 * - `state`: the offline bundle (keys, revoked/used/multiple-entry pass ids) under "bundle";
 * - `queue`: the scans decided without network, until the server acknowledges them;
 * - `admitted`: passes this kiosk let in, so a single-use pass opens once here even before the
 *   next refresh knows it (kept until the pass's window is over).
 * Pass ids and QR texts only: no names. Signing the kiosk out empties it all.
 */
const DB_NAME = "mechelaar-kiosk";
export type QueuedScan = { id: string; kioskId: string; code: string; at: string; outcome: OfflineOutcome };

let opening: Promise<IDBDatabase> | undefined;
function database(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore("state");
      request.result.createObjectStore("queue", { keyPath: "id" });
      request.result.createObjectStore("admitted", { keyPath: "passId" });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => {
      opening = undefined;
      reject(request.error ?? new Error("IndexedDB"));
    };
  });
  return opening;
}

type Store = "state" | "queue" | "admitted";
/** One transaction; resolves with the last request's result once the transaction is complete. */
async function run<T>(stores: Store[], mode: IDBTransactionMode, work: (tx: IDBTransaction) => IDBRequest<T> | void): Promise<T> {
  const db = await database();
  return new Promise<T>((resolve, reject) => {
    const tx = db.transaction(stores, mode);
    const request = work(tx);
    tx.oncomplete = () => resolve(request ? request.result : (undefined as T));
    tx.onerror = () => reject(tx.error ?? new Error("IndexedDB"));
    tx.onabort = () => reject(tx.error ?? new Error("IndexedDB"));
  });
}

export const offlineStorageAvailable = () => typeof indexedDB !== "undefined" && typeof crypto !== "undefined" && Boolean(crypto.subtle);

export const readBundle = () => run<KioskBundle | undefined>(["state"], "readonly", (tx) => tx.objectStore("state").get("bundle") as IDBRequest<KioskBundle | undefined>);

/** Stores a fresh bundle and forgets admitted passes whose window is over. */
export const writeBundle = (bundle: KioskBundle) =>
  run(["state", "admitted"], "readwrite", (tx) => {
    tx.objectStore("state").put(bundle, "bundle");
    const admitted = tx.objectStore("admitted");
    const cursor = admitted.openCursor();
    cursor.onsuccess = () => {
      const c = cursor.result;
      if (!c) return;
      if ((c.value as { validUntil: number }).validUntil + 3600_000 < Date.now()) c.delete();
      c.continue();
    };
  });

export const readAdmitted = async () =>
  new Set((await run<{ passId: string }[]>(["admitted"], "readonly", (tx) => tx.objectStore("admitted").getAll() as IDBRequest<{ passId: string }[]>)).map((a) => a.passId));
export const addAdmitted = (passId: string, validUntil: number) => run(["admitted"], "readwrite", (tx) => void tx.objectStore("admitted").put({ passId, validUntil }));

export const queueScan = (scan: QueuedScan) => run(["queue"], "readwrite", (tx) => void tx.objectStore("queue").put(scan));
export const queuedScans = () => run<QueuedScan[]>(["queue"], "readonly", (tx) => tx.objectStore("queue").getAll() as IDBRequest<QueuedScan[]>);
export const removeQueued = (ids: string[]) =>
  run(["queue"], "readwrite", (tx) => {
    for (const id of ids) tx.objectStore("queue").delete(id);
  });

/** Signing out, or another kiosk on this device: nothing of the old kiosk stays. */
export const clearOfflineStore = () =>
  run(["state", "queue", "admitted"], "readwrite", (tx) => {
    for (const s of ["state", "queue", "admitted"] as const) tx.objectStore(s).clear();
  });
