CREATE TABLE "referral_consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" text NOT NULL,
	"person_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"scopes" text[] NOT NULL,
	"text" text NOT NULL,
	"recorded_via" text NOT NULL,
	"given_at" timestamp with time zone NOT NULL,
	"given_by_user_id" uuid,
	"given_by_organisation_id" uuid,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by_user_id" uuid,
	"withdrawn_by_organisation_id" uuid,
	"withdrawal_note" text
);
--> statement-breakpoint
CREATE TABLE "referral_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"referral_id" uuid,
	"person_id" uuid NOT NULL,
	"municipality_code" text NOT NULL,
	"kind" text NOT NULL,
	"organisation_id" uuid,
	"user_id" uuid,
	"note" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"seq" integer GENERATED ALWAYS AS IDENTITY (sequence name "referral_events_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1)
);
--> statement-breakpoint
CREATE TABLE "referral_intakes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" text NOT NULL,
	"person_id" uuid NOT NULL,
	"route" text NOT NULL,
	"theme" text NOT NULL,
	"question" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_phone" text,
	"contact_email" text,
	"profile" text,
	"consent_text" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by_user_id" uuid,
	"created_by_organisation_id" uuid
);
--> statement-breakpoint
CREATE TABLE "referral_service_levels" (
	"municipality_code" text NOT NULL,
	"theme" text NOT NULL,
	"answer_working_days" integer NOT NULL,
	"first_contact_working_days" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referral_service_levels_municipality_code_theme_pk" PRIMARY KEY("municipality_code","theme")
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" text NOT NULL,
	"person_id" uuid NOT NULL,
	"intake_id" uuid,
	"from_organisation_id" uuid,
	"to_organisation_id" uuid NOT NULL,
	"route" text NOT NULL,
	"theme" text NOT NULL,
	"question" text NOT NULL,
	"area_code" text,
	"state" text NOT NULL,
	"decline_reason" text,
	"close_reason" text,
	"sent_at" timestamp with time zone NOT NULL,
	"sent_by_user_id" uuid,
	"answer_due_date" date NOT NULL,
	"first_contact_due_date" date NOT NULL,
	"accepted_at" timestamp with time zone,
	"declined_at" timestamp with time zone,
	"first_contact_at" timestamp with time zone,
	"help_in_place_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "directory_locations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"postcode" text,
	"city" text DEFAULT 'Dordrecht' NOT NULL,
	"area_code" text,
	"meeting_place" boolean DEFAULT false NOT NULL,
	"description" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "directory_organizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"email" text,
	"phone" text,
	"url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "directory_schedules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"location_id" uuid,
	"weekday" integer NOT NULL,
	"opens_at" text NOT NULL,
	"closes_at" text NOT NULL,
	"mobile" boolean DEFAULT false NOT NULL,
	"valid_from" date,
	"valid_until" date,
	"note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "directory_services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"audiences" text[] NOT NULL,
	"themes" text[] NOT NULL,
	"help_kind" text NOT NULL,
	"municipality_code" text DEFAULT 'GM0505' NOT NULL,
	"email" text,
	"phone" text,
	"url" text,
	"how_to_apply" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pass_child_budgets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" text NOT NULL,
	"pass_id" uuid NOT NULL,
	"member_number" integer NOT NULL,
	"child_person_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"age_group" text NOT NULL,
	"granted_cents" integer NOT NULL,
	"balance_cents" integer NOT NULL,
	"area_code" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "pass_child_budgets_balance_not_negative" CHECK ("pass_child_budgets"."balance_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "pass_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"municipality_code" text NOT NULL,
	"route" text NOT NULL,
	"status" text NOT NULL,
	"applicant_person_id" uuid NOT NULL,
	"household" jsonb NOT NULL,
	"household_type" text NOT NULL,
	"monthly_income_cents" integer,
	"year" integer NOT NULL,
	"check" jsonb NOT NULL,
	"check_reason" text NOT NULL,
	"decision_reason" text,
	"volunteer_organisation_id" uuid,
	"access_code_hash" text,
	"area_code" text,
	"entered_by_user_id" uuid,
	"decided_by_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "pass_campaign_credits" (
	"campaign_id" uuid NOT NULL,
	"child_person_id" uuid NOT NULL,
	"budget_id" uuid NOT NULL,
	"amount_cents" integer NOT NULL,
	"credited_at" timestamp with time zone NOT NULL,
	CONSTRAINT "pass_campaign_credits_campaign_id_child_person_id_pk" PRIMARY KEY("campaign_id","child_person_id")
);
--> statement-breakpoint
CREATE TABLE "pass_campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"year" integer NOT NULL,
	"amount_cents" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_run_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "pass_categories" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"child_budget_allowed" boolean NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pass_members" (
	"pass_id" uuid NOT NULL,
	"member_number" integer NOT NULL,
	"person_id" uuid NOT NULL,
	"relation" text NOT NULL,
	"initials" text NOT NULL,
	"birth_date" date,
	CONSTRAINT "pass_members_pass_id_member_number_pk" PRIMARY KEY("pass_id","member_number")
);
--> statement-breakpoint
CREATE TABLE "pass_norms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" text NOT NULL,
	"household_type" text NOT NULL,
	"valid_from" date NOT NULL,
	"monthly_norm_cents" integer NOT NULL,
	"source" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pass_offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider_id" uuid NOT NULL,
	"title" text NOT NULL,
	"category" text NOT NULL,
	"price_cents" integer,
	"description" text,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pass_providers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"municipality_code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pass_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" text NOT NULL,
	"valid_from" date NOT NULL,
	"income_limit_percent" integer NOT NULL,
	"primary_budget_cents" integer NOT NULL,
	"secondary_budget_cents" integer NOT NULL,
	"primary_from_age" integer NOT NULL,
	"secondary_from_age" integer NOT NULL,
	"budget_until_age" integer NOT NULL,
	"purchase_price_cents" integer NOT NULL,
	"volunteer_price_cents" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pass_target_groups" (
	"municipality_code" text NOT NULL,
	"year" integer NOT NULL,
	"adults" integer NOT NULL,
	"children" integer NOT NULL,
	"source" text NOT NULL,
	CONSTRAINT "pass_target_groups_municipality_code_year_pk" PRIMARY KEY("municipality_code","year")
);
--> statement-breakpoint
CREATE TABLE "pass_transactions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"receipt_number" text NOT NULL,
	"municipality_code" text NOT NULL,
	"kind" text NOT NULL,
	"budget_id" uuid NOT NULL,
	"pass_id" uuid NOT NULL,
	"provider_id" uuid,
	"offer_id" uuid,
	"category" text,
	"amount_cents" integer NOT NULL,
	"balance_after_cents" integer,
	"idempotency_key" text,
	"refund_of_id" uuid,
	"description" text,
	"area_code" text,
	"actor_user_id" uuid,
	"actor_api_key_id" uuid,
	"occurred_at" timestamp with time zone NOT NULL,
	CONSTRAINT "pass_transactions_amount_positive" CHECK ("pass_transactions"."amount_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "passes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"municipality_code" text NOT NULL,
	"application_id" uuid NOT NULL,
	"holder_person_id" uuid NOT NULL,
	"route" text NOT NULL,
	"year" integer NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date NOT NULL,
	"status" text NOT NULL,
	"status_reason" text,
	"replaces_pass_id" uuid,
	"replaced_by_pass_id" uuid,
	"area_code" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "referral_consents" ADD CONSTRAINT "referral_consents_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_consents" ADD CONSTRAINT "referral_consents_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_consents" ADD CONSTRAINT "referral_consents_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_consents" ADD CONSTRAINT "referral_consents_given_by_user_id_users_id_fk" FOREIGN KEY ("given_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_consents" ADD CONSTRAINT "referral_consents_given_by_organisation_id_organisations_id_fk" FOREIGN KEY ("given_by_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_consents" ADD CONSTRAINT "referral_consents_withdrawn_by_user_id_users_id_fk" FOREIGN KEY ("withdrawn_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_consents" ADD CONSTRAINT "referral_consents_withdrawn_by_organisation_id_organisations_id_fk" FOREIGN KEY ("withdrawn_by_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_intakes" ADD CONSTRAINT "referral_intakes_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_intakes" ADD CONSTRAINT "referral_intakes_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_intakes" ADD CONSTRAINT "referral_intakes_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_intakes" ADD CONSTRAINT "referral_intakes_created_by_organisation_id_organisations_id_fk" FOREIGN KEY ("created_by_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_service_levels" ADD CONSTRAINT "referral_service_levels_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_intake_id_referral_intakes_id_fk" FOREIGN KEY ("intake_id") REFERENCES "public"."referral_intakes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_from_organisation_id_organisations_id_fk" FOREIGN KEY ("from_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_to_organisation_id_organisations_id_fk" FOREIGN KEY ("to_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_sent_by_user_id_users_id_fk" FOREIGN KEY ("sent_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_locations" ADD CONSTRAINT "directory_locations_organization_id_directory_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."directory_organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_schedules" ADD CONSTRAINT "directory_schedules_service_id_directory_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."directory_services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_schedules" ADD CONSTRAINT "directory_schedules_location_id_directory_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."directory_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_services" ADD CONSTRAINT "directory_services_organization_id_directory_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."directory_organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pass_child_budgets" ADD CONSTRAINT "pass_child_budgets_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pass_child_budgets" ADD CONSTRAINT "pass_child_budgets_pass_id_passes_id_fk" FOREIGN KEY ("pass_id") REFERENCES "public"."passes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pass_child_budgets" ADD CONSTRAINT "pass_child_budgets_child_person_id_persons_id_fk" FOREIGN KEY ("child_person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pass_applications" ADD CONSTRAINT "pass_applications_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pass_applications" ADD CONSTRAINT "pass_applications_applicant_person_id_persons_id_fk" FOREIGN KEY ("applicant_person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pass_applications" ADD CONSTRAINT "pass_applications_volunteer_organisation_id_organisations_id_fk" FOREIGN KEY ("volunteer_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pass_applications" ADD CONSTRAINT "pass_applications_entered_by_user_id_users_id_fk" FOREIGN KEY ("entered_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pass_applications" ADD CONSTRAINT "pass_applications_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pass_campaign_credits" ADD CONSTRAINT "pass_campaign_credits_campaign_id_pass_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."pass_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pass_campaign_credits" ADD CONSTRAINT "pass_campaign_credits_child_person_id_persons_id_fk" FOREIGN KEY ("child_person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pass_campaign_credits" ADD CONSTRAINT "pass_campaign_credits_budget_id_pass_child_budgets_id_fk" FOREIGN KEY ("budget_id") REFERENCES "public"."pass_child_budgets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pass_campaigns" ADD CONSTRAINT "pass_campaigns_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pass_members" ADD CONSTRAINT "pass_members_pass_id_passes_id_fk" FOREIGN KEY ("pass_id") REFERENCES "public"."passes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pass_members" ADD CONSTRAINT "pass_members_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pass_norms" ADD CONSTRAINT "pass_norms_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pass_offers" ADD CONSTRAINT "pass_offers_provider_id_pass_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."pass_providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pass_offers" ADD CONSTRAINT "pass_offers_category_pass_categories_code_fk" FOREIGN KEY ("category") REFERENCES "public"."pass_categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pass_providers" ADD CONSTRAINT "pass_providers_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pass_providers" ADD CONSTRAINT "pass_providers_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pass_rules" ADD CONSTRAINT "pass_rules_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pass_target_groups" ADD CONSTRAINT "pass_target_groups_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pass_transactions" ADD CONSTRAINT "pass_transactions_budget_id_pass_child_budgets_id_fk" FOREIGN KEY ("budget_id") REFERENCES "public"."pass_child_budgets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pass_transactions" ADD CONSTRAINT "pass_transactions_pass_id_passes_id_fk" FOREIGN KEY ("pass_id") REFERENCES "public"."passes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pass_transactions" ADD CONSTRAINT "pass_transactions_provider_id_pass_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."pass_providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pass_transactions" ADD CONSTRAINT "pass_transactions_offer_id_pass_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."pass_offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passes" ADD CONSTRAINT "passes_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passes" ADD CONSTRAINT "passes_application_id_pass_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."pass_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passes" ADD CONSTRAINT "passes_holder_person_id_persons_id_fk" FOREIGN KEY ("holder_person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "referral_consents_person_idx" ON "referral_consents" USING btree ("person_id","organisation_id");--> statement-breakpoint
CREATE INDEX "referral_events_person_idx" ON "referral_events" USING btree ("person_id","occurred_at");--> statement-breakpoint
CREATE INDEX "referral_events_referral_idx" ON "referral_events" USING btree ("referral_id");--> statement-breakpoint
CREATE INDEX "referral_intakes_person_idx" ON "referral_intakes" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "referrals_to_idx" ON "referrals" USING btree ("to_organisation_id","state");--> statement-breakpoint
CREATE INDEX "referrals_from_idx" ON "referrals" USING btree ("from_organisation_id","state");--> statement-breakpoint
CREATE INDEX "referrals_person_idx" ON "referrals" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "referrals_month_idx" ON "referrals" USING btree ("municipality_code","sent_at");--> statement-breakpoint
CREATE UNIQUE INDEX "directory_locations_code" ON "directory_locations" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "directory_organizations_code" ON "directory_organizations" USING btree ("code");--> statement-breakpoint
CREATE INDEX "directory_schedules_service" ON "directory_schedules" USING btree ("service_id");--> statement-breakpoint
CREATE UNIQUE INDEX "directory_services_code" ON "directory_services" USING btree ("code");--> statement-breakpoint
CREATE INDEX "directory_services_org" ON "directory_services" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pass_child_budgets_child_year_key" ON "pass_child_budgets" USING btree ("child_person_id","year");--> statement-breakpoint
CREATE INDEX "pass_child_budgets_pass_idx" ON "pass_child_budgets" USING btree ("pass_id","member_number");--> statement-breakpoint
CREATE UNIQUE INDEX "pass_applications_reference_key" ON "pass_applications" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "pass_applications_status_idx" ON "pass_applications" USING btree ("municipality_code","status");--> statement-breakpoint
CREATE UNIQUE INDEX "pass_campaigns_code_key" ON "pass_campaigns" USING btree ("municipality_code","code");--> statement-breakpoint
CREATE UNIQUE INDEX "pass_norms_key" ON "pass_norms" USING btree ("municipality_code","household_type","valid_from");--> statement-breakpoint
CREATE INDEX "pass_offers_provider_idx" ON "pass_offers" USING btree ("provider_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pass_providers_organisation_key" ON "pass_providers" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pass_rules_key" ON "pass_rules" USING btree ("municipality_code","valid_from");--> statement-breakpoint
CREATE UNIQUE INDEX "pass_transactions_receipt_key" ON "pass_transactions" USING btree ("receipt_number");--> statement-breakpoint
CREATE UNIQUE INDEX "pass_transactions_idempotency_key" ON "pass_transactions" USING btree ("provider_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "pass_transactions_provider_idx" ON "pass_transactions" USING btree ("provider_id","occurred_at");--> statement-breakpoint
CREATE INDEX "pass_transactions_budget_idx" ON "pass_transactions" USING btree ("budget_id");--> statement-breakpoint
CREATE INDEX "pass_transactions_refund_idx" ON "pass_transactions" USING btree ("refund_of_id");--> statement-breakpoint
CREATE UNIQUE INDEX "passes_number_key" ON "passes" USING btree ("number");--> statement-breakpoint
CREATE INDEX "passes_application_idx" ON "passes" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "passes_year_idx" ON "passes" USING btree ("municipality_code","year");