import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { fileBlobs } from "../../../db/schema";
import { db, type DbOrTx } from "~/utils/db.server";

/**
 * One interface for file bytes, so the store can move (e.g. to object storage) without
 * touching the case module. The default keeps bytes in PostgreSQL (bytea), inside the
 * transaction of the change, so a file never outlives a failed submission.
 */
export interface FileStorage {
  put(bytes: Uint8Array, conn?: DbOrTx): Promise<string>;
  get(key: string): Promise<Buffer | undefined>;
  remove(key: string, conn?: DbOrTx): Promise<void>;
}

export const postgresStorage: FileStorage = {
  async put(bytes, conn = db) {
    const key = `pg:${randomUUID()}`;
    await conn.insert(fileBlobs).values({ key, bytes: Buffer.from(bytes) });
    return key;
  },
  async get(key) {
    const [row] = await db.select({ bytes: fileBlobs.bytes }).from(fileBlobs).where(eq(fileBlobs.key, key));
    return row?.bytes;
  },
  async remove(key, conn = db) {
    await conn.delete(fileBlobs).where(eq(fileBlobs.key, key));
  },
};

let current: FileStorage = postgresStorage;
export const fileStorage = () => current;
export function setFileStorage(s: FileStorage) {
  current = s;
}
