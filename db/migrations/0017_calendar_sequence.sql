ALTER TABLE "appointments" ADD COLUMN "calendar_uid" text;--> statement-breakpoint
ALTER TABLE "appointments" ADD COLUMN "calendar_sequence" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "access_passes" ADD COLUMN "calendar_uid" text;--> statement-breakpoint
ALTER TABLE "access_passes" ADD COLUMN "calendar_sequence" integer DEFAULT 0 NOT NULL;