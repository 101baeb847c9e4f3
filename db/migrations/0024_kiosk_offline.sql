CREATE TABLE "access_offline_conflicts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pass_id" uuid NOT NULL,
	"scan_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"detected_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "access_scans" ADD COLUMN "offline" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "access_scans" ADD COLUMN "client_scan_id" uuid;--> statement-breakpoint
ALTER TABLE "access_scans" ADD COLUMN "synced_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "access_offline_conflicts" ADD CONSTRAINT "access_offline_conflicts_pass_id_access_passes_id_fk" FOREIGN KEY ("pass_id") REFERENCES "public"."access_passes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_offline_conflicts" ADD CONSTRAINT "access_offline_conflicts_scan_id_access_scans_id_fk" FOREIGN KEY ("scan_id") REFERENCES "public"."access_scans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_offline_conflicts_detected_idx" ON "access_offline_conflicts" USING btree ("detected_at");--> statement-breakpoint
CREATE UNIQUE INDEX "access_offline_conflicts_scan_uq" ON "access_offline_conflicts" USING btree ("scan_id");--> statement-breakpoint
CREATE INDEX "access_passes_building_window_idx" ON "access_passes" USING btree ("building_id","valid_until");--> statement-breakpoint
CREATE UNIQUE INDEX "access_scans_client_scan_uq" ON "access_scans" USING btree ("kiosk_id","client_scan_id") WHERE "access_scans"."client_scan_id" is not null;