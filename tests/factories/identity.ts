import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { teamMembers, teams, users, type Language, type PreferredChannel, type Role } from "../../db/schema";
import type { DbOrTx } from "../../app/utils/db.server";
import { hashPassword } from "../../app/modules/identity/passwords.server";

/** Data builders shared by tests, seeds and e2e set-up. Each is idempotent on its natural key. */

export async function ensureTeam(db: DbOrTx, input: { slug: string; name: string }) {
  await db.insert(teams).values(input).onConflictDoNothing({ target: teams.slug });
  const [team] = await db
    .select()
    .from(teams)
    .where(sql`${teams.slug} = ${input.slug}`);
  return team;
}

export type PersonInput = {
  name?: string;
  email?: string;
  roles?: Role[];
  preferredLanguage?: Language;
  preferredChannel?: PreferredChannel;
  password?: string;
  teamSlugs?: string[];
  isDemo?: boolean;
  phone?: string;
};

export async function ensurePerson(db: DbOrTx, input: PersonInput = {}) {
  const email = (input.email ?? `person-${randomUUID()}@example.com`).toLowerCase();
  const [existing] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email}`);
  const user =
    existing ??
    (
      await db
        .insert(users)
        .values({
          name: input.name ?? "Test Persoon",
          email,
          phone: input.phone,
          roles: input.roles ?? ["resident"],
          preferredLanguage: input.preferredLanguage ?? "nl",
          preferredChannel: input.preferredChannel ?? "email",
          passwordHash: input.password ? await hashPassword(input.password) : null,
          isDemo: input.isDemo ?? false,
        })
        .returning()
    )[0];
  for (const slug of input.teamSlugs ?? []) {
    const team = await ensureTeam(db, { slug, name: slug });
    await db.insert(teamMembers).values({ teamId: team.id, userId: user.id }).onConflictDoNothing();
  }
  return user;
}

export const ensureResident = (db: DbOrTx, input: PersonInput = {}) => ensurePerson(db, { roles: ["resident"], ...input });
export const ensureStaff = (db: DbOrTx, input: PersonInput & { roles: Role[] }) => ensurePerson(db, { password: "Correct-horse-battery-1", ...input });
