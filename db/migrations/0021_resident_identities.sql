CREATE TABLE "oidc_logins" (
	"state" text PRIMARY KEY NOT NULL,
	"code_verifier" text NOT NULL,
	"nonce" text NOT NULL,
	"redirect_to" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resident_identities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"issuer" text NOT NULL,
	"subject_hash" text NOT NULL,
	"name" text NOT NULL,
	"assurance" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_login_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resident_identities_assurance_ck" CHECK ("resident_identities"."assurance" in ('low', 'substantial', 'high'))
);
--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "required_assurance" text DEFAULT 'low' NOT NULL;--> statement-breakpoint
ALTER TABLE "resident_identities" ADD CONSTRAINT "resident_identities_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "oidc_logins_expires_idx" ON "oidc_logins" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "resident_identities_subject_uq" ON "resident_identities" USING btree ("subject_hash");--> statement-breakpoint
CREATE INDEX "resident_identities_user_idx" ON "resident_identities" USING btree ("user_id");--> statement-breakpoint
UPDATE "services" SET "required_assurance" = 'substantial' WHERE "slug" = 'attest-of-kopie';
