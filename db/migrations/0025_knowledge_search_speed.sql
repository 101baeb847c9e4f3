-- Search speed (issue 16 item 8): a small precomputed "head" vector per article (title and
-- questions/keywords A/B, summary C: everything but the body) with a GIN index per language,
-- so the search finds and ranks its candidates without reading the large body vector of every
-- article that merely mentions a word. An article that matches a query only in its body can
-- never pass the relevance threshold (a body match counts 0.4 < MIN_COVERAGE 0.5), so looking
-- for candidates in the head vector loses no answer. search_vector (with the body) stays: the
-- coverage and ts_rank of the few candidates still use it.
ALTER TABLE knowledge_articles ADD COLUMN IF NOT EXISTS head_vector tsvector NOT NULL DEFAULT ''::tsvector;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION knowledge_articles_search_vector() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE cfg regconfig := knowledge_ts_config(NEW.language);
BEGIN
  NEW.head_vector :=
    setweight(to_tsvector(cfg, coalesce(NEW.title, '')), 'A') ||
    setweight(to_tsvector(cfg, array_to_string(NEW.questions, ' ') || ' ' || coalesce(NEW.search_keywords, '')), 'B') ||
    setweight(to_tsvector(cfg, coalesce(NEW.summary, '')), 'C');
  NEW.search_vector := NEW.head_vector || setweight(to_tsvector(cfg, coalesce(NEW.body, '')), 'D');
  RETURN NEW;
END
$$;
--> statement-breakpoint
-- Existing rows (the trigger fires only on changes of the text columns).
UPDATE knowledge_articles SET head_vector =
  setweight(to_tsvector(knowledge_ts_config(language), coalesce(title, '')), 'A') ||
  setweight(to_tsvector(knowledge_ts_config(language), array_to_string(questions, ' ') || ' ' || coalesce(search_keywords, '')), 'B') ||
  setweight(to_tsvector(knowledge_ts_config(language), coalesce(summary, '')), 'C');
--> statement-breakpoint
-- One GIN index per language (the search always asks within one language and only for
-- published articles). A language added later gets its own index with its text search configuration.
CREATE INDEX IF NOT EXISTS knowledge_articles_head_nl_gin ON knowledge_articles USING gin (head_vector) WITH (fastupdate = off) WHERE language = 'nl' AND status = 'published';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS knowledge_articles_head_en_gin ON knowledge_articles USING gin (head_vector) WITH (fastupdate = off) WHERE language = 'en' AND status = 'published';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS knowledge_articles_head_fr_gin ON knowledge_articles USING gin (head_vector) WITH (fastupdate = off) WHERE language = 'fr' AND status = 'published';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS knowledge_articles_head_ar_gin ON knowledge_articles USING gin (head_vector) WITH (fastupdate = off) WHERE language = 'ar' AND status = 'published';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS knowledge_articles_head_tr_gin ON knowledge_articles USING gin (head_vector) WITH (fastupdate = off) WHERE language = 'tr' AND status = 'published';
--> statement-breakpoint
-- The search statement runs in one process: it calls this function, and a query holding a
-- PARALLEL UNSAFE function is planned without parallel workers. The planner chose two workers
-- for the union of the English and French search; on a busy 2-core server starting them took
-- longer (tens of ms) than the whole search. Nothing else changes for other queries.
CREATE OR REPLACE FUNCTION knowledge_search_serial() RETURNS boolean
LANGUAGE sql STABLE PARALLEL UNSAFE AS $$ SELECT true $$;
--> statement-breakpoint
ANALYZE knowledge_articles;
--> statement-breakpoint
ANALYZE knowledge_search_terms;
