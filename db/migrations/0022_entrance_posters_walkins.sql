CREATE TABLE "access_entrance_posters" (
	"entrance_id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"entry_kiosk_id" uuid NOT NULL,
	"exit_kiosk_id" uuid NOT NULL,
	"replaced_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "access_entrance_posters_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "access_walkin_hosts" (
	"user_id" uuid NOT NULL,
	"building_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "access_walkins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entrance_id" uuid NOT NULL,
	"building_id" uuid NOT NULL,
	"host_id" uuid,
	"visitor_name" text,
	"purpose" text,
	"language" text DEFAULT 'nl' NOT NULL,
	"view_key_hash" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"pass_id" uuid,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"anonymised_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "access_entrance_posters" ADD CONSTRAINT "access_entrance_posters_entrance_id_access_entrances_id_fk" FOREIGN KEY ("entrance_id") REFERENCES "public"."access_entrances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_entrance_posters" ADD CONSTRAINT "access_entrance_posters_entry_kiosk_id_access_kiosks_id_fk" FOREIGN KEY ("entry_kiosk_id") REFERENCES "public"."access_kiosks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_entrance_posters" ADD CONSTRAINT "access_entrance_posters_exit_kiosk_id_access_kiosks_id_fk" FOREIGN KEY ("exit_kiosk_id") REFERENCES "public"."access_kiosks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_walkin_hosts" ADD CONSTRAINT "access_walkin_hosts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_walkin_hosts" ADD CONSTRAINT "access_walkin_hosts_building_id_access_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."access_buildings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_walkins" ADD CONSTRAINT "access_walkins_entrance_id_access_entrances_id_fk" FOREIGN KEY ("entrance_id") REFERENCES "public"."access_entrances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_walkins" ADD CONSTRAINT "access_walkins_building_id_access_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."access_buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_walkins" ADD CONSTRAINT "access_walkins_host_id_users_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_walkins" ADD CONSTRAINT "access_walkins_pass_id_access_passes_id_fk" FOREIGN KEY ("pass_id") REFERENCES "public"."access_passes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_walkins" ADD CONSTRAINT "access_walkins_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "access_walkin_hosts_uq" ON "access_walkin_hosts" USING btree ("user_id","building_id");--> statement-breakpoint
CREATE INDEX "access_walkins_pending_idx" ON "access_walkins" USING btree ("building_id","created_at") WHERE "access_walkins"."status" = 'pending';