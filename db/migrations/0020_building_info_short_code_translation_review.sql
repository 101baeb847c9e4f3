ALTER TABLE "access_buildings" ADD COLUMN "opening_hours" text;--> statement-breakpoint
ALTER TABLE "access_buildings" ADD COLUMN "accessibility" text;--> statement-breakpoint
ALTER TABLE "access_passes" ADD COLUMN "short_code" text;--> statement-breakpoint
ALTER TABLE "knowledge_articles" ADD COLUMN "dutch_changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "access_passes" ADD CONSTRAINT "access_passes_short_code_uq" UNIQUE("short_code");