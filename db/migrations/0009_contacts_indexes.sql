-- Indexes for the 360° view of a resident (contacts context).
-- A phone number is matched on its last 8 digits, so "015 12 34 56" and "+32 15 12 34 56"
-- find the same person. IMMUTABLE so it can back an index.
CREATE OR REPLACE FUNCTION phone_key(p text) RETURNS text AS $$
  SELECT nullif(right(regexp_replace(coalesce(p, ''), '[^0-9]', '', 'g'), 8), '')
$$ LANGUAGE sql IMMUTABLE PARALLEL SAFE;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS users_phone_key_idx ON users (phone_key(phone)) WHERE phone IS NOT NULL;
--> statement-breakpoint
-- Name search with ILIKE '%...%' among many residents.
CREATE INDEX IF NOT EXISTS users_name_trgm ON users USING gin (name gin_trgm_ops);
--> statement-breakpoint
-- The timeline reads a resident's tickets newest first (walk-ins have no resident).
CREATE INDEX IF NOT EXISTS tickets_resident_idx ON tickets (resident_id, created_at DESC) WHERE resident_id IS NOT NULL;
-- Cases need no new index: cases_resident_idx and cases_idempotency_uq (created_by_id first)
-- already lead with the columns these pages filter on.
