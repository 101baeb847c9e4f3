CREATE TABLE "knowledge_search_terms" (
	"slug" text NOT NULL,
	"language" text NOT NULL,
	"terms" text[] DEFAULT '{}'::text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "knowledge_search_terms_slug_language_pk" PRIMARY KEY("slug","language")
);
--> statement-breakpoint
CREATE INDEX "knowledge_articles_translation_idx" ON "knowledge_articles" USING btree ("language","translation_of");