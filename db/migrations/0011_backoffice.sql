CREATE TABLE "case_overview_runs" (
	"day" text PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"mails" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_tasks" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "case_tasks" ADD COLUMN "due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "case_tasks" ADD COLUMN "created_by_id" uuid;--> statement-breakpoint
ALTER TABLE "case_tasks" ADD COLUMN "assignee_id" uuid;--> statement-breakpoint
ALTER TABLE "case_tasks" ADD COLUMN "team_id" uuid;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "assignee_id" uuid;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "case_tasks" ADD CONSTRAINT "case_tasks_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_tasks" ADD CONSTRAINT "case_tasks_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_tasks" ADD CONSTRAINT "case_tasks_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_tasks_open_due_idx" ON "case_tasks" USING btree ("due_at") WHERE "case_tasks"."done_at" is null;--> statement-breakpoint
CREATE INDEX "case_tasks_case_idx" ON "case_tasks" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "cases_team_queue_idx" ON "cases" USING btree ("team_id","due_at","id") WHERE "cases"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "cases_assignee_queue_idx" ON "cases" USING btree ("assignee_id","due_at") WHERE "cases"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "cases_created_by_idx" ON "cases" USING btree ("created_by_id","submitted_at" DESC NULLS LAST);