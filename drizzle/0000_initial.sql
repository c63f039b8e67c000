CREATE TYPE "public"."organisation_kind" AS ENUM('municipal_team', 'social_service', 'neighbourhood_team', 'volunteer_organisation', 'creditor', 'provider', 'health_care', 'other');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('admin', 'signal_officer', 'case_worker', 'creditor', 'provider_cashier', 'analyst', 'programme_manager');--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"roles" "role"[] NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_user_id" uuid,
	"actor_api_key_id" uuid,
	"actor_organisation_id" uuid,
	"on_behalf_of" text,
	"municipality_code" text,
	"action" text NOT NULL,
	"object_type" text NOT NULL,
	"object_id" text,
	"subject_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"result" text NOT NULL,
	"origin" text,
	"purpose" text,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "municipalities" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organisation_municipalities" (
	"organisation_id" uuid NOT NULL,
	"municipality_code" text NOT NULL,
	CONSTRAINT "organisation_municipalities_organisation_id_municipality_code_pk" PRIMARY KEY("organisation_id","municipality_code")
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" "organisation_kind" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" text NOT NULL,
	"bsn" text,
	"initials" text,
	"prefix" text,
	"surname" text NOT NULL,
	"birth_date" date,
	"street" text,
	"house_number" text,
	"house_number_suffix" text,
	"postcode" text,
	"city" text,
	"phone" text,
	"email" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"roles" "role"[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signal_archive" (
	"case_token" uuid NOT NULL,
	"municipality_code" text NOT NULL,
	"area_code" text,
	"month" text NOT NULL,
	"creditor_type" text NOT NULL,
	"signals" integer NOT NULL,
	"letter_sent" boolean NOT NULL,
	"reached" boolean NOT NULL,
	"accepted" boolean NOT NULL,
	"result" text,
	"purged_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signal_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" text NOT NULL,
	"household_key" text NOT NULL,
	"area_code" text,
	"person_id" uuid,
	"status" text NOT NULL,
	"total_cents" integer DEFAULT 0 NOT NULL,
	"signal_count" integer DEFAULT 0 NOT NULL,
	"first_signal_date" date NOT NULL,
	"last_signal_date" date NOT NULL,
	"created_by_import_id" uuid,
	"assigned_user_id" uuid,
	"due_date" date,
	"letter_sent_on" date,
	"taken_up_on" date,
	"reached" boolean,
	"help_response" text,
	"result" text,
	"referral_organisation_id" uuid,
	"referral_note" text,
	"chain_referral_id" uuid,
	"closed_on" date,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signal_contact_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"reached" boolean NOT NULL,
	"date" date NOT NULL,
	"part_of_day" text NOT NULL,
	"note" text,
	"user_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signal_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"creditor_organisation_id" uuid NOT NULL,
	"municipality_code" text NOT NULL,
	"channel" text NOT NULL,
	"file_name" text,
	"rows" integer DEFAULT 0 NOT NULL,
	"accepted" integer DEFAULT 0 NOT NULL,
	"duplicates" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"cases_created" integer DEFAULT 0 NOT NULL,
	"rejections" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"import_id" uuid NOT NULL,
	"creditor_organisation_id" uuid NOT NULL,
	"municipality_code" text NOT NULL,
	"reference" text NOT NULL,
	"signal_date" date NOT NULL,
	"creditor_type" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"months" integer,
	"bsn" text,
	"initials" text,
	"prefix" text,
	"surname" text NOT NULL,
	"birth_date" date,
	"street" text,
	"house_number" text NOT NULL,
	"house_number_suffix" text,
	"postcode" text NOT NULL,
	"city" text,
	"phone" text,
	"email" text,
	"household_key" text NOT NULL,
	"status" text DEFAULT 'not_yet_taken_up' NOT NULL,
	"case_id" uuid
);
--> statement-breakpoint
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
CREATE TABLE "referral_household_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"referral_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"municipality_code" text NOT NULL,
	"relation" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
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
CREATE TABLE "selftest_daily_counts" (
	"day" date NOT NULL,
	"municipality_code" text NOT NULL,
	"questionnaire" text NOT NULL,
	"counter" text NOT NULL,
	"value" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "selftest_daily_counts_day_municipality_code_questionnaire_counter_pk" PRIMARY KEY("day","municipality_code","questionnaire","counter")
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
CREATE TABLE "insights_areas" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"municipality_code" text NOT NULL,
	"parent_code" text
);
--> statement-breakpoint
CREATE TABLE "insights_benchmarks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"measure_code" text NOT NULL,
	"period_code" text NOT NULL,
	"value" double precision NOT NULL,
	"source" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"entered_by" uuid,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "insights_imports" (
	"id" serial PRIMARY KEY NOT NULL,
	"measure_code" text NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"imported_by" text NOT NULL,
	"rows" integer NOT NULL,
	"accepted" integer NOT NULL,
	"duplicates" integer NOT NULL,
	"rejected" integer NOT NULL,
	"rejections" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "insights_measures" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"source" text NOT NULL,
	"owner" text NOT NULL,
	"theme" text DEFAULT 'schulden' NOT NULL,
	"period_kind" text DEFAULT 'month' NOT NULL,
	"aggregation" text DEFAULT 'sum' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "insights_observations" (
	"measure_code" text NOT NULL,
	"area_code" text NOT NULL,
	"period_code" text NOT NULL,
	"value" double precision NOT NULL,
	"derived" boolean DEFAULT false NOT NULL,
	"import_id" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "insights_observations_measure_code_area_code_period_code_pk" PRIMARY KEY("measure_code","area_code","period_code")
);
--> statement-breakpoint
CREATE TABLE "insights_periods" (
	"code" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"quarter_code" text,
	"year_code" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programme_commitments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"due_on" date,
	"state" text DEFAULT 'open' NOT NULL,
	"answered_in_period" text,
	"answer" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programme_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"ris_number" text NOT NULL,
	"title" text NOT NULL,
	"decided_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programme_initiatives" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"line_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"measure_codes" text[] DEFAULT '{}' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programme_letters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"period" text NOT NULL,
	"letter_date" date NOT NULL,
	"case_number" text DEFAULT '' NOT NULL,
	"reason_text" text DEFAULT '' NOT NULL,
	"information_text" text DEFAULT '' NOT NULL,
	"next_steps_text" text DEFAULT '' NOT NULL,
	"costs_text" text DEFAULT 'Niet van toepassing.' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programme_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programme_updates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"initiative_id" uuid NOT NULL,
	"period" text NOT NULL,
	"progress" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programme_programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" text NOT NULL,
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"portfolio_holder" text DEFAULT '' NOT NULL,
	"budget_programme" text DEFAULT '' NOT NULL,
	"pillar" text DEFAULT '' NOT NULL,
	"core_team" text DEFAULT '' NOT NULL,
	"author" text DEFAULT '' NOT NULL,
	"author_email" text DEFAULT '' NOT NULL,
	"responsible" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_municipalities" ADD CONSTRAINT "organisation_municipalities_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_municipalities" ADD CONSTRAINT "organisation_municipalities_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signal_cases" ADD CONSTRAINT "signal_cases_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signal_cases" ADD CONSTRAINT "signal_cases_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signal_cases" ADD CONSTRAINT "signal_cases_assigned_user_id_users_id_fk" FOREIGN KEY ("assigned_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signal_cases" ADD CONSTRAINT "signal_cases_referral_organisation_id_organisations_id_fk" FOREIGN KEY ("referral_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signal_contact_attempts" ADD CONSTRAINT "signal_contact_attempts_case_id_signal_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."signal_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signal_contact_attempts" ADD CONSTRAINT "signal_contact_attempts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signal_imports" ADD CONSTRAINT "signal_imports_creditor_organisation_id_organisations_id_fk" FOREIGN KEY ("creditor_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signal_imports" ADD CONSTRAINT "signal_imports_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signal_imports" ADD CONSTRAINT "signal_imports_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signals" ADD CONSTRAINT "signals_import_id_signal_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."signal_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signals" ADD CONSTRAINT "signals_case_id_signal_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."signal_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
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
ALTER TABLE "referral_household_members" ADD CONSTRAINT "referral_household_members_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_household_members" ADD CONSTRAINT "referral_household_members_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
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
ALTER TABLE "insights_benchmarks" ADD CONSTRAINT "insights_benchmarks_measure_code_insights_measures_code_fk" FOREIGN KEY ("measure_code") REFERENCES "public"."insights_measures"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insights_benchmarks" ADD CONSTRAINT "insights_benchmarks_period_code_insights_periods_code_fk" FOREIGN KEY ("period_code") REFERENCES "public"."insights_periods"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insights_observations" ADD CONSTRAINT "insights_observations_measure_code_insights_measures_code_fk" FOREIGN KEY ("measure_code") REFERENCES "public"."insights_measures"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insights_observations" ADD CONSTRAINT "insights_observations_area_code_insights_areas_code_fk" FOREIGN KEY ("area_code") REFERENCES "public"."insights_areas"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insights_observations" ADD CONSTRAINT "insights_observations_period_code_insights_periods_code_fk" FOREIGN KEY ("period_code") REFERENCES "public"."insights_periods"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_commitments" ADD CONSTRAINT "programme_commitments_programme_id_programme_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programme_programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_decisions" ADD CONSTRAINT "programme_decisions_programme_id_programme_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programme_programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_initiatives" ADD CONSTRAINT "programme_initiatives_line_id_programme_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."programme_lines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_letters" ADD CONSTRAINT "programme_letters_programme_id_programme_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programme_programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_lines" ADD CONSTRAINT "programme_lines_programme_id_programme_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programme_programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_updates" ADD CONSTRAINT "programme_updates_initiative_id_programme_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."programme_initiatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "audit_events_occurred_idx" ON "audit_events" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "audit_events_actor_idx" ON "audit_events" USING btree ("actor_user_id","occurred_at");--> statement-breakpoint
CREATE INDEX "audit_events_object_idx" ON "audit_events" USING btree ("object_type","object_id");--> statement-breakpoint
CREATE INDEX "audit_events_subjects_idx" ON "audit_events" USING gin ("subject_ids");--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_code_key" ON "organisations" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "persons_municipality_bsn_key" ON "persons" USING btree ("municipality_code","bsn");--> statement-breakpoint
CREATE INDEX "persons_address_idx" ON "persons" USING btree ("municipality_code","postcode","house_number");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "signal_archive_month_idx" ON "signal_archive" USING btree ("municipality_code","month");--> statement-breakpoint
CREATE INDEX "signal_cases_household_idx" ON "signal_cases" USING btree ("municipality_code","household_key","last_signal_date");--> statement-breakpoint
CREATE INDEX "signal_cases_queue_idx" ON "signal_cases" USING btree ("municipality_code","status","due_date");--> statement-breakpoint
CREATE INDEX "signal_contact_attempts_case_idx" ON "signal_contact_attempts" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "signal_imports_creditor_idx" ON "signal_imports" USING btree ("creditor_organisation_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "signals_creditor_reference_key" ON "signals" USING btree ("creditor_organisation_id","reference");--> statement-breakpoint
CREATE INDEX "signals_case_idx" ON "signals" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "signals_bsn_idx" ON "signals" USING btree ("municipality_code","bsn");--> statement-breakpoint
CREATE INDEX "referral_consents_person_idx" ON "referral_consents" USING btree ("person_id","organisation_id");--> statement-breakpoint
CREATE INDEX "referral_events_person_idx" ON "referral_events" USING btree ("person_id","occurred_at");--> statement-breakpoint
CREATE INDEX "referral_events_referral_idx" ON "referral_events" USING btree ("referral_id");--> statement-breakpoint
CREATE INDEX "referral_household_members_referral_idx" ON "referral_household_members" USING btree ("referral_id");--> statement-breakpoint
CREATE INDEX "referral_household_members_person_idx" ON "referral_household_members" USING btree ("person_id");--> statement-breakpoint
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
CREATE INDEX "passes_year_idx" ON "passes" USING btree ("municipality_code","year");--> statement-breakpoint
CREATE INDEX "insights_areas_municipality_idx" ON "insights_areas" USING btree ("municipality_code","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "insights_benchmarks_measure_period_key" ON "insights_benchmarks" USING btree ("measure_code","period_code");--> statement-breakpoint
CREATE INDEX "insights_observations_period_idx" ON "insights_observations" USING btree ("measure_code","period_code");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_commitments_code_key" ON "programme_commitments" USING btree ("programme_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_decisions_ris_key" ON "programme_decisions" USING btree ("programme_id","ris_number");--> statement-breakpoint
CREATE INDEX "programme_initiatives_line_idx" ON "programme_initiatives" USING btree ("line_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_letters_period_key" ON "programme_letters" USING btree ("programme_id","period");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_lines_number_key" ON "programme_lines" USING btree ("programme_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_updates_initiative_period_key" ON "programme_updates" USING btree ("initiative_id","period");