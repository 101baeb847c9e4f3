CREATE TABLE "services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"description" text NOT NULL,
	"audiences" text[] DEFAULT '{}' NOT NULL,
	"themes" text[] DEFAULT '{}' NOT NULL,
	"conditions" text,
	"requirements" text[],
	"channels" jsonb DEFAULT '{"online":null,"counter":null,"phone":null}'::jsonb NOT NULL,
	"cost" text,
	"processing_time_days" integer,
	"result" text,
	"competent_team_id" uuid,
	"contact_point" text,
	"related_services" text[] DEFAULT '{}' NOT NULL,
	"legal_basis" text,
	"keywords" text[] DEFAULT '{}' NOT NULL,
	"last_checked" date,
	"memorandum_source" jsonb,
	"requestable" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "services_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_competent_team_id_teams_id_fk" FOREIGN KEY ("competent_team_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;