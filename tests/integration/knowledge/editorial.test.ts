import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { knowledgeArticles } from "../../../db/schema";
import { getArticle, recordFeedback } from "../../../app/modules/knowledge/articles.server";
import { createArticle, editorialOverview, getArticleForEditing, pinBestBet, publishRevision, revisionDiff, saveRevision } from "../../../app/modules/knowledge/editorial.server";
import type { ArticleContent } from "../../../app/modules/knowledge/content.server";
import { searchArticles } from "../../../app/modules/knowledge/search.server";
import { loadCurrentUser, type CurrentUser } from "../../../app/modules/identity/users.server";
import { DomainError } from "../../../app/modules/platform/errors";
import { db } from "../../../app/utils/db.server";
import { seedKnowledge } from "../../../seeds/knowledge";
import { runSeeds } from "../../../seeds/run";
import { ensureStaff } from "../../factories/identity";

let eva: CurrentUser;
let jan: CurrentUser;
let loket: CurrentUser;
beforeAll(async () => {
  await runSeeds(db, { demo: false, production: false });
  eva = (await loadCurrentUser((await ensureStaff(db, { email: "eva@example.com", name: "Eva", roles: ["editor"] })).id))!;
  jan = (await loadCurrentUser((await ensureStaff(db, { email: "jan@example.com", name: "Jan", roles: ["editor"] })).id))!;
  loket = (await loadCurrentUser((await ensureStaff(db, { email: "loket@example.com", roles: ["frontoffice"] })).id))!;
});

const content = (over: Partial<ArticleContent> = {}): ArticleContent => ({
  title: "Waar kan ik mijn zwerfkat melden?",
  summary: "U meldt een zwerfkat bij het Huis van de Mechelaar. Zij zeggen u wat u kunt doen.",
  body: "## Wat is het?\nZiet u een kat zonder baasje? Meld het aan de stad.\n\n## Meer vragen?\nVraag het aan het Huis van de Mechelaar.",
  themes: ["dienstverlening"],
  audiences: ["inwoners"],
  source: { theme: "Thema 2: Werk klantgericht", section: "3. Klantgerichtheid" },
  related: ["huis-van-de-mechelaar"],
  serviceSlug: null,
  searchTerms: ["zwerfkat", "kat", "dieren"],
  questions: ["Ik zie een kat zonder baasje."],
  reviewBefore: "2027-06-30",
  ...over,
});

const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a DomainError");
    },
    (e: DomainError) => e,
  );

describe("the editorial workflow", () => {
  it("keeps a new article hidden until a second editor publishes it (four eyes)", async () => {
    const { articleId, revisionId } = await createArticle(eva, { slug: "zwerfkat-melden", language: "nl", content: content(), submit: true });
    await expect(getArticle("zwerfkat-melden", "nl")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await searchArticles({ query: "zwerfkat", language: "nl" })).results).toEqual([]);

    const own = await failure(publishRevision(eva, revisionId));
    expect(own).toMatchObject({ code: "FORBIDDEN", messageKey: "knowledge:errors.fourEyes" });

    await publishRevision(jan, revisionId);
    expect((await getArticle("zwerfkat-melden", "nl")).title).toBe("Waar kan ik mijn zwerfkat melden?");
    expect((await searchArticles({ query: "zwerfkat", language: "nl" })).results[0].slug).toBe("zwerfkat-melden");
    const editing = await getArticleForEditing(jan, articleId);
    expect(editing.revisions).toHaveLength(1);
    expect(editing.revisions[0]).toMatchObject({ number: 1, status: "published", author: "Eva" });
  });

  it("gives a new Dutch article English and French search terms once a second editor publishes it (issue 16 item 6)", async () => {
    const terms = { en: ["stray cat", "lost cat"], fr: ["chat errant"] };
    const { articleId, revisionId } = await createArticle(eva, { slug: "zwerfkat-engels", language: "nl", content: content({ otherLanguageTerms: terms }), submit: true });
    expect((await getArticleForEditing(jan, articleId)).content).toMatchObject({ searchTermsEn: "stray cat, lost cat", searchTermsFr: "chat errant" });
    // Not before it is published.
    expect((await searchArticles({ query: "stray cat", language: "en" })).results.map((r) => r.slug)).not.toContain("zwerfkat-engels");
    await publishRevision(jan, revisionId);
    const en = await searchArticles({ query: "stray cat", language: "en" });
    expect(en.results[0]).toMatchObject({ slug: "zwerfkat-engels", onlyInDutch: true, title: "Waar kan ik mijn zwerfkat melden?" });
    const fr = await searchArticles({ query: "chat errant", language: "fr" });
    expect(fr.results[0]).toMatchObject({ slug: "zwerfkat-engels", onlyInDutch: true });
  });

  it("records every save as a revision with its author, and shows what changed", async () => {
    const [uitpas] = await db
      .select()
      .from(knowledgeArticles)
      .where(and(eq(knowledgeArticles.slug, "uitpas"), eq(knowledgeArticles.language, "nl")));
    const before = await getArticleForEditing(eva, uitpas.id);
    const draft = await saveRevision(
      eva,
      uitpas.id,
      content({ title: uitpas.title, summary: "Met een UiTPAS krijgt u korting op vrije tijd in Mechelen.", body: uitpas.body }),
      false,
    );
    // A draft changes nothing for residents.
    expect((await getArticle("uitpas", "nl")).summary).toBe(uitpas.summary);
    await expect(publishRevision(jan, draft)).rejects.toMatchObject({ code: "INVALID_STATE" });

    const review = await saveRevision(
      eva,
      uitpas.id,
      content({ title: uitpas.title, summary: "Met een UiTPAS krijgt u korting op vrije tijd in Mechelen.", body: uitpas.body }),
      true,
    );
    const after = await getArticleForEditing(jan, uitpas.id);
    expect(after.revisions).toHaveLength(before.revisions.length + 2);
    expect(after.revisions[0]).toMatchObject({ status: "in_review", author: "Eva", origin: "editor" });
    expect(after.latest?.status).toBe("in_review");

    const diff = await revisionDiff(jan, draft);
    const summary = diff.fields.find((f) => f.field === "summary")!;
    expect(summary.parts.some((p) => p.added && p.value.includes("korting"))).toBe(true);
    expect(summary.parts.some((p) => p.removed)).toBe(true);

    await publishRevision(jan, review);
    expect((await getArticle("uitpas", "nl")).summary).toBe("Met een UiTPAS krijgt u korting op vrije tijd in Mechelen.");

    // Re-seeding (even with a changed seed file) keeps the editors' text.
    await db.execute(`update knowledge_revisions set content_hash = 'changed' where origin = 'seed'`);
    await seedKnowledge(db);
    expect((await getArticle("uitpas", "nl")).summary).toBe("Met een UiTPAS krijgt u korting op vrije tijd in Mechelen.");
  });

  it("lets only editors write", async () => {
    const [row] = await db
      .select()
      .from(knowledgeArticles)
      .where(and(eq(knowledgeArticles.slug, "digipunt"), eq(knowledgeArticles.language, "nl")));
    await expect(saveRevision(loket, row.id, content(), true)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(editorialOverview(loket)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("pins a best bet to the top of a query", async () => {
    const [row] = await db
      .select()
      .from(knowledgeArticles)
      .where(and(eq(knowledgeArticles.slug, "huis-van-de-mechelaar"), eq(knowledgeArticles.language, "nl")));
    await pinBestBet(eva, row.id, "Loket");
    const r = await searchArticles({ query: "loket", language: "nl" });
    expect(r.results[0]).toMatchObject({ slug: "huis-van-de-mechelaar", bestBet: true });
    expect(r.results.filter((x) => x.slug === "huis-van-de-mechelaar")).toHaveLength(1);
  });

  it("shows editors the searches without results, unhelpful answers and articles due", async () => {
    await searchArticles({ query: "hondenbelasting", language: "nl" });
    await searchArticles({ query: "Hondenbelasting", language: "nl" });
    for (const helpful of [false, false, true]) await recordFeedback({ slug: "beiaardschool", language: "nl", helpful, reason: helpful ? null : "unclear" }, "10.9.9.9");
    await db
      .update(knowledgeArticles)
      .set({ reviewBefore: "2020-01-01" })
      .where(and(eq(knowledgeArticles.slug, "bibliotheek"), eq(knowledgeArticles.language, "nl")));

    const o = await editorialOverview(eva);
    expect(o.zeroResults).toContainEqual(expect.objectContaining({ query: "hondenbelasting", searches: 2 }));
    expect(o.lowHelpfulness).toContainEqual(expect.objectContaining({ votes: 3, helpful: 1 }));
    expect(o.due[0]).toMatchObject({ reviewBefore: "2020-01-01" });
    expect(o.awaitingReview.every((r) => r.title)).toBe(true);
    // One entry per article: the newest revision, the only one that can be published.
    expect(new Set(o.awaitingReview.map((r) => r.articleId)).size).toBe(o.awaitingReview.length);
  });
});
