import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { knowledgeArticles } from "../../../db/schema";
import { getArticle } from "../../../app/modules/knowledge/articles.server";
import { createArticle, getArticleForEditing, publishRevision, saveRevision } from "../../../app/modules/knowledge/editorial.server";
import type { ArticleContent } from "../../../app/modules/knowledge/content.server";
import { loadCurrentUser, type CurrentUser } from "../../../app/modules/identity/users.server";
import { startUserSession } from "../../../app/modules/identity/sessions.server";
import { db } from "../../../app/utils/db.server";
import { ensureStaff } from "../../factories/identity";
import { startTestServer } from "../../setup/http-server";

let server: Awaited<ReturnType<typeof startTestServer>>;
let eva: CurrentUser;
let jan: CurrentUser;
let evaCookie: string;
beforeAll(async () => {
  server = await startTestServer();
  const e = await ensureStaff(db, { email: "eva.voorbeeld@example.com", name: "Eva", roles: ["editor"] });
  eva = (await loadCurrentUser(e.id))!;
  jan = (await loadCurrentUser((await ensureStaff(db, { email: "jan.voorbeeld@example.com", name: "Jan", roles: ["editor"] })).id))!;
  evaCookie = (await startUserSession(new Request("http://portal.test/"), e.id, true)).split(";")[0];
});
afterAll(() => server.close());

const content = (over: Partial<ArticleContent> = {}): ArticleContent => ({
  title: "Hoe leen ik een bakfiets?",
  summary: "U leent een bakfiets bij de stad.",
  body: "U leent een bakfiets bij de stad. Dat kost niets.\n\n## Waar?\n\nAan de vrijetijdsbalie.",
  themes: ["dienstverlening"],
  audiences: ["inwoners"],
  source: null,
  related: [],
  serviceSlug: null,
  searchTerms: ["bakfiets"],
  questions: [],
  reviewBefore: "2027-06-30",
  ...over,
});

/** Creates and publishes (four eyes) an article; returns its id. */
async function published(slug: string, language: "nl" | "en", c: ArticleContent, translationOf?: string) {
  const { articleId, revisionId } = await createArticle(eva, { slug, language, translationOf, content: c, submit: true });
  await publishRevision(jan, revisionId);
  return articleId;
}

describe("editing Mikipedia", () => {
  it("previews the rendered article below the form without JavaScript, keeping the text, and does not store it", async () => {
    const id = await published("bakfiets-voorbeeld", "nl", content());
    const body = "## Nieuw kopje\n\nDit is **vette** tekst.\n\n<script>alert(1)</script>";
    const res = await server.post(`/werk/redactie/${id}`, { _intent: "preview", title: "Hoe leen ik een bakfiets?", summary: "Korte samenvatting.", body }, { Cookie: evaCookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Voorbeeld: zo ziet de bewoner het artikel");
    expect(html).toContain("<h2>Nieuw kopje</h2>");
    expect(html).toContain("<strong>vette</strong>");
    expect(html).not.toContain("<script>alert(1)</script>");
    // The form keeps what was typed.
    expect(html).toContain("Dit is **vette** tekst.");
    const editing = await getArticleForEditing(eva, id);
    expect(editing.revisions).toHaveLength(1);
  });

  it("does not show the summary twice on the article page when the body starts with it", async () => {
    await published("bakfiets-dubbel", "nl", content());
    const view = await getArticle("bakfiets-dubbel", "nl");
    expect(view.html).not.toContain("U leent een bakfiets bij de stad.");
    expect(view.html).toContain("Dat kost niets.");
  });

  it("marks a replaced version as replaced in the version list", async () => {
    const id = await published("bakfiets-versies", "nl", content());
    const second = await saveRevision(eva, id, content({ body: "Tweede versie van de tekst." }), true);
    await publishRevision(jan, second);
    const { revisions } = await getArticleForEditing(eva, id);
    expect(revisions.map((r) => [r.number, r.status, r.replaced])).toEqual([
      [2, "published", false],
      [1, "published", true],
    ]);
    const page = await (await server.get(`/werk/redactie/${id}`, { Cookie: evaCookie })).text();
    expect(page).toContain("Vervangen door een nieuwere versie");
  });

  it("marks translations 'to review' when the Dutch text changes, and their pages say the Dutch text is newer", async () => {
    const nlId = await published("bakfiets-vertaald", "nl", content());
    const enId = await published(
      "bakfiets-vertaald-en",
      "en",
      content({ title: "How do I borrow a cargo bike?", summary: "You borrow a cargo bike from the city.", body: "It is free." }),
      "bakfiets-vertaald",
    );
    const flag = async () =>
      (
        await db
          .select({ at: knowledgeArticles.dutchChangedAt })
          .from(knowledgeArticles)
          .where(and(eq(knowledgeArticles.id, enId)))
      )[0].at;
    expect(await flag()).toBeNull();

    // Only a change to search terms: nothing to review.
    const terms = await saveRevision(eva, nlId, content({ searchTerms: ["bakfiets", "fiets"] }), true);
    await publishRevision(jan, terms);
    expect(await flag()).toBeNull();

    const changed = await saveRevision(eva, nlId, content({ body: "U leent een bakfiets bij de stad. Het kost nu 2 euro per dag." }), true);
    await publishRevision(jan, changed);
    expect(await flag()).toBeInstanceOf(Date);
    const en = await (await server.get("/mikipedia/bakfiets-vertaald?lng=en", { Cookie: "lng=en", "Accept-Language": "en" })).text();
    expect(en).toContain("The Dutch text of this page was changed on");
    const nl = await (await server.get("/mikipedia/bakfiets-vertaald")).text();
    expect(nl).not.toContain("De Nederlandse tekst van deze pagina is veranderd");
    const editor = await (await server.get(`/werk/redactie/${enId}`, { Cookie: evaCookie })).text();
    expect(editor).toContain("De Nederlandse tekst is veranderd op");

    // The translation, reviewed and published again, is up to date.
    const reviewed = await saveRevision(
      eva,
      enId,
      content({ title: "How do I borrow a cargo bike?", summary: "You borrow a cargo bike from the city.", body: "It costs 2 euros a day." }),
      true,
    );
    await publishRevision(jan, reviewed);
    expect(await flag()).toBeNull();
    expect(await (await server.get("/mikipedia/bakfiets-vertaald?lng=en", { Cookie: "lng=en" })).text()).not.toContain("The Dutch text of this page was changed on");
  });
});
