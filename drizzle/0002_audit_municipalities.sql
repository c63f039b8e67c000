ALTER TABLE "audit_events" ADD COLUMN "municipality_codes" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
CREATE INDEX "audit_events_municipalities_idx" ON "audit_events" USING gin ("municipality_codes");--> statement-breakpoint
-- Scope the lines written before this column existed: the record's municipality, else the acting organisation's.
UPDATE "audit_events" SET "municipality_codes" = ARRAY["municipality_code"] WHERE "municipality_code" IS NOT NULL;--> statement-breakpoint
UPDATE "audit_events" e SET "municipality_codes" = COALESCE((SELECT array_agg(om."municipality_code" ORDER BY om."municipality_code") FROM "organisation_municipalities" om WHERE om."organisation_id" = e."actor_organisation_id"), '{}'::text[]) WHERE e."municipality_code" IS NULL AND e."actor_organisation_id" IS NOT NULL;--> statement-breakpoint
-- Refused logins of known accounts were written by an anonymous actor about the account: its organisation's municipalities.
UPDATE "audit_events" e SET "municipality_codes" = COALESCE((SELECT array_agg(om."municipality_code" ORDER BY om."municipality_code") FROM "users" u JOIN "organisation_municipalities" om ON om."organisation_id" = u."organisation_id" WHERE u."id"::text = e."object_id"), '{}'::text[]) WHERE e."municipality_code" IS NULL AND e."actor_organisation_id" IS NULL AND e."object_type" = 'user' AND e."action" = 'login';
