-- Courtesy languages (Arabic, Turkish): their own text search configurations, so articles in
-- those languages are indexed and searched with the right stemmer (decision 0xx, issue 16 item 7).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'turkish_unaccent') THEN
    CREATE TEXT SEARCH CONFIGURATION turkish_unaccent (COPY = turkish);
    ALTER TEXT SEARCH CONFIGURATION turkish_unaccent ALTER MAPPING FOR hword, hword_part, word WITH unaccent, turkish_stem;
  END IF;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION knowledge_ts_config(lang text) RETURNS regconfig
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE lang
    WHEN 'en' THEN 'english_unaccent'::regconfig
    WHEN 'fr' THEN 'french_unaccent'::regconfig
    WHEN 'ar' THEN 'arabic'::regconfig
    WHEN 'tr' THEN 'turkish_unaccent'::regconfig
    ELSE 'dutch_unaccent'::regconfig END
$$;
