CREATE TABLE "insights_case_facts" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"service_id" uuid NOT NULL,
	"team_id" uuid,
	"channel" text NOT NULL,
	"submitted_day" date NOT NULL,
	"closed_day" date,
	"closed_at" timestamp with time zone,
	"due_at" timestamp with time zone NOT NULL,
	"lead_days" real,
	"on_time" boolean,
	"result" text,
	"satisfaction_score" smallint
);
--> statement-breakpoint
CREATE TABLE "insights_contact_daily" (
	"day" date NOT NULL,
	"channel" text NOT NULL,
	"contacts" integer NOT NULL,
	"sat_sum" integer NOT NULL,
	"sat_n" integer NOT NULL,
	CONSTRAINT "insights_contact_daily_day_channel_pk" PRIMARY KEY("day","channel")
);
--> statement-breakpoint
CREATE TABLE "insights_counter_hourly" (
	"day" date NOT NULL,
	"theme_id" uuid NOT NULL,
	"hour" smallint NOT NULL,
	"tickets" integer NOT NULL,
	"no_shows" integer NOT NULL,
	"wait_sum" bigint NOT NULL,
	"wait_n" integer NOT NULL,
	"service_sum" bigint NOT NULL,
	"service_n" integer NOT NULL,
	CONSTRAINT "insights_counter_hourly_day_theme_id_hour_pk" PRIMARY KEY("day","theme_id","hour")
);
--> statement-breakpoint
CREATE TABLE "insights_feedback_daily" (
	"day" date NOT NULL,
	"article_id" uuid NOT NULL,
	"helpful" integer NOT NULL,
	"not_helpful" integer NOT NULL,
	CONSTRAINT "insights_feedback_daily_day_article_id_pk" PRIMARY KEY("day","article_id")
);
--> statement-breakpoint
CREATE TABLE "insights_search_daily" (
	"day" date NOT NULL,
	"language" text NOT NULL,
	"query" text NOT NULL,
	"searches" integer NOT NULL,
	"zero_results" integer NOT NULL,
	CONSTRAINT "insights_search_daily_day_language_query_pk" PRIMARY KEY("day","language","query")
);
--> statement-breakpoint
CREATE TABLE "insights_visits_daily" (
	"day" date NOT NULL,
	"building_id" uuid NOT NULL,
	"visitors" integer NOT NULL,
	"entries" integer NOT NULL,
	CONSTRAINT "insights_visits_daily_day_building_id_pk" PRIMARY KEY("day","building_id")
);
--> statement-breakpoint
CREATE TABLE "insights_watermarks" (
	"model" text PRIMARY KEY NOT NULL,
	"last_id" bigint,
	"from_day" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "insights_case_facts_submitted_idx" ON "insights_case_facts" USING btree ("submitted_day","team_id","channel","service_id");--> statement-breakpoint
CREATE INDEX "insights_case_facts_rated_idx" ON "insights_case_facts" USING btree ("closed_day","team_id","channel","service_id","satisfaction_score") WHERE "insights_case_facts"."satisfaction_score" is not null;--> statement-breakpoint
CREATE INDEX "insights_case_facts_lead_idx" ON "insights_case_facts" USING btree ("closed_day","service_id","lead_days","on_time","team_id") WHERE "insights_case_facts"."result" is distinct from 'ingetrokken' and "insights_case_facts"."closed_day" is not null;--> statement-breakpoint
CREATE INDEX "insights_case_facts_open_idx" ON "insights_case_facts" USING btree ("team_id","service_id","due_at") WHERE "insights_case_facts"."closed_at" is null;