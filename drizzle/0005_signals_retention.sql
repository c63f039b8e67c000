CREATE TABLE "signal_municipality_settings" (
	"municipality_code" text PRIMARY KEY NOT NULL,
	"municipal_taxes" boolean DEFAULT false NOT NULL,
	"updated_by_user_id" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "signal_cases" ADD COLUMN "archive_token" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "signal_municipality_settings" ADD CONSTRAINT "signal_municipality_settings_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signal_municipality_settings" ADD CONSTRAINT "signal_municipality_settings_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "signal_cases_person_idx" ON "signal_cases" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "pass_applications_applicant_idx" ON "pass_applications" USING btree ("applicant_person_id");--> statement-breakpoint
CREATE INDEX "pass_campaign_credits_child_idx" ON "pass_campaign_credits" USING btree ("child_person_id");--> statement-breakpoint
CREATE INDEX "pass_members_person_idx" ON "pass_members" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "passes_holder_idx" ON "passes" USING btree ("holder_person_id");