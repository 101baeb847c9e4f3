CREATE TABLE "contact_moment_articles" (
	"contact_moment_id" uuid NOT NULL,
	"article_id" uuid NOT NULL,
	CONSTRAINT "contact_moment_articles_contact_moment_id_article_id_pk" PRIMARY KEY("contact_moment_id","article_id")
);
--> statement-breakpoint
CREATE TABLE "contact_moments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"resident_id" uuid,
	"channel" text NOT NULL,
	"direction" text DEFAULT 'in' NOT NULL,
	"subject" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"outcome" text,
	"staff_id" uuid,
	"case_id" uuid,
	"ticket_id" uuid,
	"thread_id" uuid,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"satisfaction_score" integer,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contact_moments_satisfaction_ck" CHECK ("contact_moments"."satisfaction_score" is null or "contact_moments"."satisfaction_score" between 1 and 5)
);
--> statement-breakpoint
ALTER TABLE "contact_moment_articles" ADD CONSTRAINT "contact_moment_articles_contact_moment_id_contact_moments_id_fk" FOREIGN KEY ("contact_moment_id") REFERENCES "public"."contact_moments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_moment_articles" ADD CONSTRAINT "contact_moment_articles_article_id_knowledge_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."knowledge_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_moments" ADD CONSTRAINT "contact_moments_resident_id_users_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_moments" ADD CONSTRAINT "contact_moments_staff_id_users_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_moments" ADD CONSTRAINT "contact_moments_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_moments" ADD CONSTRAINT "contact_moments_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contact_moment_articles_article_idx" ON "contact_moment_articles" USING btree ("article_id");--> statement-breakpoint
CREATE INDEX "contact_moments_resident_idx" ON "contact_moments" USING btree ("resident_id","occurred_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "contact_moments_staff_idx" ON "contact_moments" USING btree ("staff_id","occurred_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "contact_moments_open_idx" ON "contact_moments" USING btree ("channel","occurred_at") WHERE "contact_moments"."outcome" is null;--> statement-breakpoint
CREATE INDEX "contact_moments_thread_idx" ON "contact_moments" USING btree ("thread_id");--> statement-breakpoint
CREATE INDEX "contact_moments_occurred_idx" ON "contact_moments" USING btree ("occurred_at");