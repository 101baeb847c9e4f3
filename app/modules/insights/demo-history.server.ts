import { sql } from "drizzle-orm";
import type { Database, DbOrTx } from "~/utils/db.server";
import { rebuildInsights } from "./refresh.server";
import { generateVolume, VolumeRefused } from "./volume.server";

/**
 * Figures on day one (issue 15.9): a fresh demo install gets a small, clearly labelled demo
 * history — 60 fake residents ("Volume bewoner N"), 600 cases, counter visits, satisfaction
 * scores, searches and visits over the past 90 days — made by the volume generator. Never in
 * production (the seed refuses demo data there) and never next to real residents (the
 * generator refuses). Only closed cases are kept, so no demo queue, "Zonder behandelaar" list
 * or resident's work list fills up with history nobody will handle.
 */

export const DEMO_HISTORY = { residents: 60, cases: 600, days: 90 } as const;

const VOLUME_STAFF = sql`md5('volume-staff')::uuid`;

/** Whether the database holds generated demo rows (the volume staff member is their marker). */
export async function hasDemoData(conn: DbOrTx) {
  const [r] = (await conn.execute(sql`select exists (select 1 from users where id = ${VOLUME_STAFF}) as demo`)) as unknown as { demo: boolean }[];
  return Boolean(r?.demo);
}

/** Adds the demo history once; a second run, or a database with real residents, adds nothing. */
export async function seedDemoHistory(conn: Database, log: (line: string) => void = () => {}) {
  if (await hasDemoData(conn)) return { added: false as const };
  try {
    const { tag } = await generateVolume(conn, { ...DEMO_HISTORY, log });
    await conn.execute(sql`delete from cases where reference like ${`VOL-${tag}-%`} and closed_at is null`);
    await rebuildInsights(conn);
    return { added: true as const };
  } catch (err) {
    if (err instanceof VolumeRefused) return { added: false as const };
    throw err;
  }
}
