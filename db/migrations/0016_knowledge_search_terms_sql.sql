-- Cross-language search terms (issue 16): a weighted search vector in the row's language,
-- kept by a trigger like knowledge_articles.search_vector (weight B, as an article's keywords).
ALTER TABLE knowledge_search_terms ADD COLUMN IF NOT EXISTS search_vector tsvector NOT NULL DEFAULT ''::tsvector;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION knowledge_search_terms_vector() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector := setweight(to_tsvector(knowledge_ts_config(NEW.language), array_to_string(NEW.terms, ' ; ')), 'B');
  RETURN NEW;
END
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS knowledge_search_terms_vector_trg ON knowledge_search_terms;
--> statement-breakpoint
CREATE TRIGGER knowledge_search_terms_vector_trg BEFORE INSERT OR UPDATE OF terms, language
ON knowledge_search_terms FOR EACH ROW EXECUTE FUNCTION knowledge_search_terms_vector();
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS knowledge_search_terms_gin ON knowledge_search_terms USING gin (search_vector) WITH (fastupdate = off);
