ALTER TABLE "outbox" ADD COLUMN "headers" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "satisfaction_score" smallint;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "satisfaction_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "satisfaction_invited_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "contact_moments_message_id_idx" ON "contact_moments" USING btree (("data"->>'messageId')) WHERE "contact_moments"."channel" = 'email';--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_satisfaction_ck" CHECK ("tickets"."satisfaction_score" is null or "tickets"."satisfaction_score" between 1 and 5);