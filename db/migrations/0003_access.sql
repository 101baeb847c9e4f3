CREATE TABLE "access_buildings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" smallint NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"address" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "access_buildings_code_unique" UNIQUE("code"),
	CONSTRAINT "access_buildings_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "access_entrances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"building_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "access_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"host_id" uuid NOT NULL,
	"building_id" uuid NOT NULL,
	"entrance_id" uuid,
	"purpose" text NOT NULL,
	"multiple_entries" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "access_kiosks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entrance_id" uuid NOT NULL,
	"name" text NOT NULL,
	"mode" text DEFAULT 'entry' NOT NULL,
	"secret_hash" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "access_passes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"invitation_id" uuid NOT NULL,
	"building_id" uuid NOT NULL,
	"visitor_name" text,
	"visitor_email" text,
	"visitor_organisation" text,
	"visitor_language" text DEFAULT 'nl' NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone NOT NULL,
	"remaining_entries" integer,
	"inside" boolean DEFAULT false NOT NULL,
	"token" text,
	"view_key_hash" text,
	"replaced_by" uuid,
	"revoked_at" timestamp with time zone,
	"anonymised_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "access_scans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pass_id" uuid NOT NULL,
	"kiosk_id" uuid,
	"building_id" uuid,
	"direction" text NOT NULL,
	"outcome" text NOT NULL,
	"by_user_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "access_entrances" ADD CONSTRAINT "access_entrances_building_id_access_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."access_buildings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_invitations" ADD CONSTRAINT "access_invitations_host_id_users_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_invitations" ADD CONSTRAINT "access_invitations_building_id_access_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."access_buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_invitations" ADD CONSTRAINT "access_invitations_entrance_id_access_entrances_id_fk" FOREIGN KEY ("entrance_id") REFERENCES "public"."access_entrances"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_kiosks" ADD CONSTRAINT "access_kiosks_entrance_id_access_entrances_id_fk" FOREIGN KEY ("entrance_id") REFERENCES "public"."access_entrances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_kiosks" ADD CONSTRAINT "access_kiosks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_passes" ADD CONSTRAINT "access_passes_invitation_id_access_invitations_id_fk" FOREIGN KEY ("invitation_id") REFERENCES "public"."access_invitations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_passes" ADD CONSTRAINT "access_passes_building_id_access_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."access_buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_scans" ADD CONSTRAINT "access_scans_pass_id_access_passes_id_fk" FOREIGN KEY ("pass_id") REFERENCES "public"."access_passes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_scans" ADD CONSTRAINT "access_scans_kiosk_id_access_kiosks_id_fk" FOREIGN KEY ("kiosk_id") REFERENCES "public"."access_kiosks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_scans" ADD CONSTRAINT "access_scans_building_id_access_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."access_buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_scans" ADD CONSTRAINT "access_scans_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "access_entrances_building_slug_uq" ON "access_entrances" USING btree ("building_id","slug");--> statement-breakpoint
CREATE INDEX "access_invitations_host_idx" ON "access_invitations" USING btree ("host_id","created_at");--> statement-breakpoint
CREATE INDEX "access_kiosks_entrance_idx" ON "access_kiosks" USING btree ("entrance_id");--> statement-breakpoint
CREATE INDEX "access_passes_invitation_idx" ON "access_passes" USING btree ("invitation_id");--> statement-breakpoint
CREATE INDEX "access_passes_building_inside_idx" ON "access_passes" USING btree ("building_id") WHERE "access_passes"."inside";--> statement-breakpoint
CREATE INDEX "access_passes_retention_idx" ON "access_passes" USING btree ("valid_until") WHERE "access_passes"."anonymised_at" is null;--> statement-breakpoint
CREATE INDEX "access_scans_pass_idx" ON "access_scans" USING btree ("pass_id","at");