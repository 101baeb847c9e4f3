import { sql } from "drizzle-orm";
import { knowledgeArticles, knowledgeWords, type ArticleSource, type OtherLanguageTerms } from "../../../db/schema";
import type { Tx } from "~/utils/db.server";
import { clearSearchCache } from "./search-cache";
import { expandKeywords, wordsOf } from "./search-terms";

/** What an editor (or a seed file) writes: one version of an article's text. */
export type ArticleContent = {
  title: string;
  summary: string;
  body: string;
  themes: string[];
  audiences: string[];
  source: ArticleSource | null;
  related: string[];
  serviceSlug: string | null;
  searchTerms: string[];
  questions: string[];
  reviewBefore: string | null;
  /** Only in revisions of a Dutch article: its English and French search terms, applied when published. */
  otherLanguageTerms?: OtherLanguageTerms;
};

/**
 * Makes `content` the published text of an article: enriches its keywords (compounds,
 * synonyms), which the trigger turns into the weighted search vector, and adds its words
 * to the "Bedoelde u ...?" word list.
 */
export async function applyPublishedContent(tx: Tx, articleId: string, language: string, content: ArticleContent, publishedRevisionId: string, lastChecked: string) {
  await markTranslationsToReview(tx, articleId, language, content);
  await tx
    .update(knowledgeArticles)
    .set({
      ...content,
      searchKeywords: expandKeywords(content),
      status: "published",
      publishedRevisionId,
      lastChecked,
      // A translation published anew is up to date with the Dutch text again.
      ...(language === "nl" ? {} : { dutchChangedAt: null }),
      updatedAt: new Date(),
    })
    .where(sql`${knowledgeArticles.id} = ${articleId}`);
  // Also for seeds; editors' publications clear it again after their commit.
  clearSearchCache();
  await addWords(tx, language, [content.title, content.summary, content.body, ...content.questions, ...content.searchTerms].join(" "));
}

/**
 * When a published Dutch article's text changes (title, summary or body), its published
 * translations are marked "to review": their pages say the Dutch text is newer. A first
 * publication, or a change only to themes, terms or links, marks nothing.
 */
async function markTranslationsToReview(tx: Tx, articleId: string, language: string, content: ArticleContent) {
  if (language !== "nl") return;
  await tx.execute(sql`
    update knowledge_articles t set dutch_changed_at = now()
    from knowledge_articles nl
    where nl.id = ${articleId} and nl.status = 'published' and t.translation_of = nl.slug and t.language <> 'nl'
      and (nl.title is distinct from ${content.title} or nl.summary is distinct from ${content.summary} or nl.body is distinct from ${content.body})`);
}

export async function addWords(tx: Tx, language: string, text: string) {
  const words = [...new Set(wordsOf(text).filter((w) => w.length >= 4 && !/^\d+$/.test(w)))];
  if (!words.length) return;
  await tx
    .insert(knowledgeWords)
    .values(words.map((word) => ({ word, language: language as "nl" })))
    .onConflictDoNothing();
}

export const today = () => new Date().toISOString().slice(0, 10);
export function addMonths(isoDate: string, months: number) {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}
