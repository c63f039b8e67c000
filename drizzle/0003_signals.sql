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
CREATE INDEX "signal_archive_month_idx" ON "signal_archive" USING btree ("municipality_code","month");--> statement-breakpoint
CREATE INDEX "signal_cases_household_idx" ON "signal_cases" USING btree ("municipality_code","household_key","last_signal_date");--> statement-breakpoint
CREATE INDEX "signal_cases_queue_idx" ON "signal_cases" USING btree ("municipality_code","status","due_date");--> statement-breakpoint
CREATE INDEX "signal_cases_import_idx" ON "signal_cases" USING btree ("created_by_import_id");--> statement-breakpoint
CREATE INDEX "signal_contact_attempts_case_idx" ON "signal_contact_attempts" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "signal_imports_creditor_idx" ON "signal_imports" USING btree ("creditor_organisation_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "signals_creditor_reference_key" ON "signals" USING btree ("creditor_organisation_id","reference");--> statement-breakpoint
CREATE INDEX "signals_import_idx" ON "signals" USING btree ("import_id");--> statement-breakpoint
CREATE INDEX "signals_case_idx" ON "signals" USING btree ("case_id");