-- Mikipedia search (architecture §7): accent-free Dutch, English and French text search,
-- a weighted search vector kept up to date by a trigger, and trigram typo tolerance.
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'dutch_unaccent') THEN
    CREATE TEXT SEARCH CONFIGURATION dutch_unaccent (COPY = dutch);
    ALTER TEXT SEARCH CONFIGURATION dutch_unaccent ALTER MAPPING FOR hword, hword_part, word WITH unaccent, dutch_stem;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'english_unaccent') THEN
    CREATE TEXT SEARCH CONFIGURATION english_unaccent (COPY = english);
    ALTER TEXT SEARCH CONFIGURATION english_unaccent ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'french_unaccent') THEN
    CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french);
    ALTER TEXT SEARCH CONFIGURATION french_unaccent ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
  END IF;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION knowledge_ts_config(lang text) RETURNS regconfig
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE lang WHEN 'en' THEN 'english_unaccent'::regconfig WHEN 'fr' THEN 'french_unaccent'::regconfig ELSE 'dutch_unaccent'::regconfig END
$$;
--> statement-breakpoint
ALTER TABLE knowledge_articles ADD COLUMN IF NOT EXISTS search_vector tsvector NOT NULL DEFAULT ''::tsvector;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION knowledge_articles_search_vector() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE cfg regconfig := knowledge_ts_config(NEW.language);
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector(cfg, coalesce(NEW.title, '')), 'A') ||
    setweight(to_tsvector(cfg, array_to_string(NEW.questions, ' ') || ' ' || coalesce(NEW.search_keywords, '')), 'B') ||
    setweight(to_tsvector(cfg, coalesce(NEW.summary, '')), 'C') ||
    setweight(to_tsvector(cfg, coalesce(NEW.body, '')), 'D');
  RETURN NEW;
END
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS knowledge_articles_search_vector_trg ON knowledge_articles;
--> statement-breakpoint
CREATE TRIGGER knowledge_articles_search_vector_trg BEFORE INSERT OR UPDATE OF title, questions, search_keywords, summary, body, language
ON knowledge_articles FOR EACH ROW EXECUTE FUNCTION knowledge_articles_search_vector();
--> statement-breakpoint
-- fastupdate off: articles change rarely, and a pending list would make every search scan it.
CREATE INDEX IF NOT EXISTS knowledge_articles_search_gin ON knowledge_articles USING gin (search_vector) WITH (fastupdate = off);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS knowledge_words_trgm ON knowledge_words USING gin (word gin_trgm_ops) WITH (fastupdate = off);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS knowledge_search_log_zero_idx ON knowledge_search_log (query) WHERE result_count = 0;
