import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { knowledgeArticles, knowledgeRevisions } from "../../../db/schema";
import { markdownToPlainText, readability } from "../../../app/modules/knowledge/readability";
import { db } from "../../../app/utils/db.server";
import { loadArticleFiles, seedKnowledge } from "../../../seeds/knowledge";
import { runSeeds } from "../../../seeds/run";

beforeAll(async () => {
  await runSeeds(db, { demo: false, production: false });
});

describe("the Mikipedia seed", () => {
  it("publishes at least 60 Dutch articles and 20 in English and in French", async () => {
    const counts = await db.execute<{ language: string; n: number }>(sql`select language, count(*)::int as n from knowledge_articles where status = 'published' group by language`);
    const by = Object.fromEntries(counts.map((c) => [c.language, c.n]));
    expect(by.nl).toBeGreaterThanOrEqual(60);
    expect(by.en).toBeGreaterThanOrEqual(20);
    expect(by.fr).toBeGreaterThanOrEqual(20);
  });

  it("labels every translation with the Dutch article it translates", async () => {
    const rows = await db.execute<{ slug: string }>(sql`
      select t.slug from knowledge_articles t where t.language <> 'nl'
      and not exists (select 1 from knowledge_articles o where o.language = 'nl' and o.slug = t.translation_of)`);
    expect([...rows]).toEqual([]);
  });

  it("adds nothing when run again", async () => {
    const before = await db.execute<{ n: number }>(sql`select count(*)::int as n from knowledge_revisions`);
    expect(await seedKnowledge(db)).toBe(0);
    const after = await db.execute<{ n: number }>(sql`select count(*)::int as n from knowledge_revisions`);
    expect(after[0].n).toBe(before[0].n);
  });

  it("keeps an editor's newer revision when seeding again, but updates text still as seeded", async () => {
    const [edited] = await db
      .select()
      .from(knowledgeArticles)
      .where(and(eq(knowledgeArticles.slug, "uitpas"), eq(knowledgeArticles.language, "nl")));
    await db
      .insert(knowledgeRevisions)
      .values({ articleId: edited.id, number: 99, title: "Door de redactie", summary: edited.summary, body: edited.body, status: "published", origin: "editor" });
    await db.update(knowledgeArticles).set({ title: "Door de redactie" }).where(eq(knowledgeArticles.id, edited.id));
    // Pretend both seed files changed since they were loaded.
    await db.execute(
      sql`update knowledge_revisions set content_hash = 'old' where origin = 'seed' and article_id in (select id from knowledge_articles where slug in ('uitpas', 'digipunt') and language = 'nl')`,
    );
    await db
      .update(knowledgeArticles)
      .set({ title: "Oude seedtekst" })
      .where(and(eq(knowledgeArticles.slug, "digipunt"), eq(knowledgeArticles.language, "nl")));

    expect(await seedKnowledge(db)).toBe(1);
    const [uitpas] = await db
      .select()
      .from(knowledgeArticles)
      .where(and(eq(knowledgeArticles.slug, "uitpas"), eq(knowledgeArticles.language, "nl")));
    expect(uitpas.title).toBe("Door de redactie");
    const [digipunt] = await db
      .select()
      .from(knowledgeArticles)
      .where(and(eq(knowledgeArticles.slug, "digipunt"), eq(knowledgeArticles.language, "nl")));
    expect(digipunt.title).not.toBe("Oude seedtekst");
  });
});

describe("plain language", () => {
  const dutch = loadArticleFiles().filter((a) => a.language === "nl" && a.status === "published");

  it.each(dutch.map((a) => [a.slug, a] as const))("%s reads easily (Flesch-Douma ≥ 60, no sentence over 25 words) and names its source", (_slug, a) => {
    const r = readability(markdownToPlainText(`# ${a.content.title}\n\n${a.content.summary}\n\n${a.content.body}`));
    expect(r.fleschDouma).toBeGreaterThanOrEqual(60);
    expect(r.longSentences).toEqual([]);
    expect(a.content.source?.theme).toMatch(/^Thema \d/);
    expect(a.content.source?.section.length).toBeGreaterThan(0);
  });
});
