CREATE TABLE "knowledge_articles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"language" text DEFAULT 'nl' NOT NULL,
	"translation_of" text,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"body" text NOT NULL,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"audiences" text[] DEFAULT '{}'::text[] NOT NULL,
	"source" jsonb,
	"related" text[] DEFAULT '{}'::text[] NOT NULL,
	"service_slug" text,
	"search_terms" text[] DEFAULT '{}'::text[] NOT NULL,
	"questions" text[] DEFAULT '{}'::text[] NOT NULL,
	"search_keywords" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"last_checked" date,
	"review_before" date,
	"published_revision_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "knowledge_best_bets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"query" text NOT NULL,
	"language" text DEFAULT 'nl' NOT NULL,
	"article_id" uuid NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "knowledge_feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"article_id" uuid NOT NULL,
	"helpful" boolean NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "knowledge_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"article_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"body" text NOT NULL,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"audiences" text[] DEFAULT '{}'::text[] NOT NULL,
	"source" jsonb,
	"related" text[] DEFAULT '{}'::text[] NOT NULL,
	"service_slug" text,
	"search_terms" text[] DEFAULT '{}'::text[] NOT NULL,
	"questions" text[] DEFAULT '{}'::text[] NOT NULL,
	"review_before" date,
	"status" text NOT NULL,
	"origin" text NOT NULL,
	"content_hash" text,
	"author_id" uuid,
	"published_by_id" uuid,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "knowledge_search_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"query" text NOT NULL,
	"language" text NOT NULL,
	"channel" text DEFAULT 'web' NOT NULL,
	"result_count" integer NOT NULL,
	"clicked_slug" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "knowledge_words" (
	"word" text NOT NULL,
	"language" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "knowledge_best_bets" ADD CONSTRAINT "knowledge_best_bets_article_id_knowledge_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."knowledge_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_best_bets" ADD CONSTRAINT "knowledge_best_bets_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_feedback" ADD CONSTRAINT "knowledge_feedback_article_id_knowledge_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."knowledge_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_revisions" ADD CONSTRAINT "knowledge_revisions_article_id_knowledge_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."knowledge_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_revisions" ADD CONSTRAINT "knowledge_revisions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_revisions" ADD CONSTRAINT "knowledge_revisions_published_by_id_users_id_fk" FOREIGN KEY ("published_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "knowledge_articles_slug_lang_uq" ON "knowledge_articles" USING btree ("slug","language");--> statement-breakpoint
CREATE INDEX "knowledge_articles_themes_gin" ON "knowledge_articles" USING gin ("themes");--> statement-breakpoint
CREATE INDEX "knowledge_articles_audiences_gin" ON "knowledge_articles" USING gin ("audiences");--> statement-breakpoint
CREATE UNIQUE INDEX "knowledge_best_bets_uq" ON "knowledge_best_bets" USING btree ("query","language","article_id");--> statement-breakpoint
CREATE INDEX "knowledge_feedback_article_idx" ON "knowledge_feedback" USING btree ("article_id");--> statement-breakpoint
CREATE UNIQUE INDEX "knowledge_revisions_article_number_uq" ON "knowledge_revisions" USING btree ("article_id","number");--> statement-breakpoint
CREATE INDEX "knowledge_search_log_created_idx" ON "knowledge_search_log" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "knowledge_words_uq" ON "knowledge_words" USING btree ("word","language");