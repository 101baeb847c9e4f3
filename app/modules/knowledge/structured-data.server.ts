import { and, eq, or } from "drizzle-orm";
import { knowledgeArticles } from "../../../db/schema";
import { db } from "~/utils/db.server";
import type { ArticleView } from "./articles.server";

/**
 * schema.org structured data for an article page, embedded as JSON-LD: an FAQPage whose
 * questions are the ones the article answers (its summary is the answer), about the
 * service's GovernmentService when the article has one. Null when the article lists no questions.
 */
export async function articleStructuredData(base: string, article: ArticleView) {
  const [row] = await db
    .select({ questions: knowledgeArticles.questions })
    .from(knowledgeArticles)
    .where(and(eq(knowledgeArticles.language, article.textLanguage), or(eq(knowledgeArticles.slug, article.slug), eq(knowledgeArticles.translationOf, article.slug))))
    .limit(1);
  const questions = row?.questions.filter((q) => q.trim()) ?? [];
  const url = `${base}/mikipedia/${article.slug}`;
  return {
    "@context": "https://schema.org",
    "@type": questions.length ? "FAQPage" : "WebPage",
    "@id": url,
    url,
    name: article.title,
    description: article.summary,
    inLanguage: article.textLanguage,
    ...(article.lastChecked ? { lastReviewed: article.lastChecked } : {}),
    ...(questions.length ? { mainEntity: questions.map((q) => ({ "@type": "Question", name: q, acceptedAnswer: { "@type": "Answer", text: article.summary } })) } : {}),
    ...(article.service ? { about: { "@type": "GovernmentService", "@id": `${base}/id/dienst/${article.service.slug}`, name: article.service.title } } : {}),
    publisher: { "@type": "GovernmentOrganization", "@id": `${base}/id/organisatie/stad-mechelen`, name: "Stad Mechelen" },
  };
}
