import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { fileBlobs } from "../../../db/schema";
import { db, type Tx } from "~/utils/db.server";

/**
 * One interface for file bytes, so the store can move (e.g. to object storage) without
 * touching the case module. The default keeps bytes in PostgreSQL (bytea), inside the
 * transaction of the change, so a file never outlives a failed submission.
 */
export interface FileStorage {
  put(bytes: Uint8Array, tx: Tx): Promise<string>;
  get(key: string): Promise<Buffer | undefined>;
  remove(key: string, tx: Tx): Promise<void>;
}

export const postgresStorage: FileStorage = {
  async put(bytes, tx) {
    const key = `pg:${randomUUID()}`;
    await tx.insert(fileBlobs).values({ key, bytes: Buffer.from(bytes) });
    return key;
  },
  async get(key) {
    const [row] = await db.select({ bytes: fileBlobs.bytes }).from(fileBlobs).where(eq(fileBlobs.key, key));
    return row?.bytes;
  },
  async remove(key, tx) {
    await tx.delete(fileBlobs).where(eq(fileBlobs.key, key));
  },
};

let current: FileStorage = postgresStorage;
export const fileStorage = () => current;
export function setFileStorage(s: FileStorage) {
  current = s;
}
