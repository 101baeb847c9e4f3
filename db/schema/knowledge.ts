import { sql } from "drizzle-orm";
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users, type Language } from "./identity";

export const ARTICLE_STATUSES = ["draft", "in_review", "published"] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];
export type ArticleSource = { theme: string; section: string };
/** Search terms in English and French for a Dutch article (issue 16 item 6). */
export type OtherLanguageTerms = Partial<Record<"en" | "fr", string[]>>;

/**
 * Mikipedia articles, one row per slug and language. The row holds what residents see
 * (the published text); every save is a row in `knowledge_revisions`. The search vector
 * (`search_vector`) and its trigger live in the custom migration (knowledge_sql).
 */
export const knowledgeArticles = pgTable(
  "knowledge_articles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull(),
    language: text("language").$type<Language>().notNull().default("nl"),
    /** For en/fr: the slug of the Dutch original this translates. */
    translationOf: text("translation_of"),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    body: text("body").notNull(),
    themes: text("themes")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    audiences: text("audiences")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    source: jsonb("source").$type<ArticleSource>(),
    related: text("related")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    serviceSlug: text("service_slug"),
    searchTerms: text("search_terms")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    questions: text("questions")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Search terms, compound parts and synonyms, computed at save time (weight B). */
    searchKeywords: text("search_keywords").notNull().default(""),
    /** "draft" until its first publication; "published" once residents can read it. */
    status: text("status").$type<"draft" | "published">().notNull().default("draft"),
    lastChecked: date("last_checked"),
    reviewBefore: date("review_before"),
    publishedRevisionId: uuid("published_revision_id"),
    /**
     * For en/fr: when the Dutch original's text (title, summary, body) was last published with a
     * change this translation does not have yet ("to review"). Cleared when the translation is published.
     */
    dutchChangedAt: timestamp("dutch_changed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("knowledge_articles_slug_lang_uq").on(t.slug, t.language),
    index("knowledge_articles_themes_gin").using("gin", t.themes),
    index("knowledge_articles_audiences_gin").using("gin", t.audiences),
    // Search across languages: "has this Dutch article a translation in that language?"
    index("knowledge_articles_translation_idx").on(t.language, t.translationOf),
  ],
);

/** Every save of an article: a full copy, its author and time, and where it stands. */
export const knowledgeRevisions = pgTable(
  "knowledge_revisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    articleId: uuid("article_id")
      .notNull()
      .references(() => knowledgeArticles.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    body: text("body").notNull(),
    themes: text("themes")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    audiences: text("audiences")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    source: jsonb("source").$type<ArticleSource>(),
    related: text("related")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    serviceSlug: text("service_slug"),
    searchTerms: text("search_terms")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    questions: text("questions")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** English and French words that find this Dutch article (knowledge_search_terms once published). */
    otherLanguageTerms: jsonb("other_language_terms").$type<OtherLanguageTerms>().notNull().default({}),
    reviewBefore: date("review_before"),
    status: text("status").$type<ArticleStatus>().notNull(),
    /** "seed" revisions come from seeds/knowledge; "editor" ones from the portal. */
    origin: text("origin").$type<"seed" | "editor">().notNull(),
    /** For seed revisions: the hash of the Markdown file, to tell a changed seed apart. */
    contentHash: text("content_hash"),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    publishedById: uuid("published_by_id").references(() => users.id, { onDelete: "set null" }),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("knowledge_revisions_article_number_uq").on(t.articleId, t.number)],
);

/** An answer an editor pins to the top for a query (normalised: lower case, no accents). */
export const knowledgeBestBets = pgTable(
  "knowledge_best_bets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    query: text("query").notNull(),
    language: text("language").$type<Language>().notNull().default("nl"),
    articleId: uuid("article_id")
      .notNull()
      .references(() => knowledgeArticles.id, { onDelete: "cascade" }),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("knowledge_best_bets_uq").on(t.query, t.language, t.articleId)],
);

export const FEEDBACK_REASONS = ["unclear", "incomplete", "outdated", "not_my_question"] as const;
export type FeedbackReason = (typeof FEEDBACK_REASONS)[number];

/** "Heeft dit antwoord u geholpen?": no free text, nothing that identifies the visitor. */
export const knowledgeFeedback = pgTable(
  "knowledge_feedback",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    articleId: uuid("article_id")
      .notNull()
      .references(() => knowledgeArticles.id, { onDelete: "cascade" }),
    helpful: boolean("helpful").notNull(),
    reason: text("reason").$type<FeedbackReason>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("knowledge_feedback_article_idx").on(t.articleId)],
);

/** Every search, without personal data: the scrubbed query, language, result count, click. */
export const knowledgeSearchLog = pgTable(
  "knowledge_search_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    query: text("query").notNull(),
    language: text("language").$type<Language>().notNull(),
    channel: text("channel").$type<"web" | "api">().notNull().default("web"),
    resultCount: integer("result_count").notNull(),
    clickedSlug: text("clicked_slug"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("knowledge_search_log_created_idx").on(t.createdAt)],
);

/** Words seen in articles, for the trigram "Bedoelde u ...?" suggestion. */
export const knowledgeWords = pgTable(
  "knowledge_words",
  {
    word: text("word").notNull(),
    language: text("language").$type<Language>().notNull(),
  },
  (t) => [uniqueIndex("knowledge_words_uq").on(t.word, t.language)],
);

/**
 * Search terms of an article in another language than its own: English and French words
 * that find a Dutch article, translated or not (issue 16). One row per Dutch slug and
 * language, loaded from seeds/knowledge/search-terms.<lang>.json. The weighted search vector
 * (`search_vector`) and its trigger live in the custom migration knowledge_search_terms_sql.
 */
export const knowledgeSearchTerms = pgTable(
  "knowledge_search_terms",
  {
    slug: text("slug").notNull(),
    language: text("language").$type<Language>().notNull(),
    terms: text("terms")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.slug, t.language] })],
);
