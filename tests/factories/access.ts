import { eq } from "drizzle-orm";
import { buildings, entrances, invitations, kiosks, passes } from "../../db/schema";
import type { DbOrTx } from "../../app/utils/db.server";
import { signPassToken } from "../../app/modules/access/pass-token.server";
import { seedBuildings } from "../../seeds/access";
import { createHash, randomBytes } from "node:crypto";

/** Builders for the access context, shared by tests, e2e and benchmarks. */
export async function buildingBySlug(db: DbOrTx, slug: string) {
  await seedBuildings(db);
  const [b] = await db.select().from(buildings).where(eq(buildings.slug, slug));
  const [entrance] = await db.select().from(entrances).where(eq(entrances.buildingId, b.id));
  return { ...b, entranceId: entrance.id };
}

/** A kiosk with a known credential (tests only: real kiosks are registered by an admin). */
export async function makeKiosk(db: DbOrTx, input: { buildingSlug: string; mode?: "entry" | "exit"; name?: string }) {
  const building = await buildingBySlug(db, input.buildingSlug);
  const secret = randomBytes(24).toString("base64url");
  const [k] = await db
    .insert(kiosks)
    .values({
      entranceId: building.entranceId,
      name: input.name ?? `Zuil ${input.buildingSlug}`,
      mode: input.mode ?? "entry",
      secretHash: createHash("sha256").update(secret).digest("hex"),
    })
    .returning();
  return { ...k, credential: `${k.id}.${secret}`, building };
}

/** A pass with an exact window, straight in the database, with its signed token. */
export async function makePass(
  db: DbOrTx,
  input: { hostId: string; buildingSlug: string; from?: Date; until?: Date; entries?: number | null; visitorName?: string; visitorEmail?: string },
) {
  const building = await buildingBySlug(db, input.buildingSlug);
  const from = input.from ?? new Date(Date.now() - 10 * 60_000);
  const until = input.until ?? new Date(Date.now() + 60 * 60_000);
  const [inv] = await db
    .insert(invitations)
    .values({ hostId: input.hostId, buildingId: building.id, purpose: "Overleg", multipleEntries: input.entries === null })
    .returning();
  const [pass] = await db
    .insert(passes)
    .values({
      invitationId: inv.id,
      buildingId: building.id,
      visitorName: input.visitorName ?? "Vera Bezoeker",
      visitorEmail: input.visitorEmail ?? `visitor-${randomBytes(4).toString("hex")}@example.com`,
      validFrom: from,
      validUntil: until,
      remainingEntries: input.entries === undefined ? 1 : input.entries,
    })
    .returning();
  const token = signPassToken({ passId: pass.id, buildingCode: building.code, validFrom: from, validUntil: until });
  await db.update(passes).set({ token }).where(eq(passes.id, pass.id));
  return { ...pass, token, invitationId: inv.id };
}

/** A pass code with its last character changed: the signature no longer matches (never the same text by chance). */
export function tamperedToken(token: string): string {
  return token.slice(0, -1) + (token.endsWith("0") ? "1" : "0");
}
