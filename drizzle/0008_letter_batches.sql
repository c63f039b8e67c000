CREATE TABLE "signal_letter_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"municipality_code" text NOT NULL,
	"number" integer NOT NULL,
	"batch_count" integer NOT NULL,
	"case_ids" uuid[] NOT NULL,
	"letters" integer NOT NULL,
	"letter_date" date NOT NULL,
	"template_version" integer NOT NULL,
	"reprint" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"produced_letters" integer,
	"produced_at" timestamp with time zone,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signal_letter_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" text NOT NULL,
	"version" integer NOT NULL,
	"subject" text NOT NULL,
	"heading" text NOT NULL,
	"body" text NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "signal_cases" ADD COLUMN "letter_template_version" integer;--> statement-breakpoint
ALTER TABLE "signal_cases" ADD COLUMN "letter_batch_id" uuid;--> statement-breakpoint
ALTER TABLE "signal_letter_batches" ADD CONSTRAINT "signal_letter_batches_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signal_letter_batches" ADD CONSTRAINT "signal_letter_batches_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signal_letter_templates" ADD CONSTRAINT "signal_letter_templates_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signal_letter_templates" ADD CONSTRAINT "signal_letter_templates_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "signal_letter_batches_run_key" ON "signal_letter_batches" USING btree ("run_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "signal_letter_templates_version_key" ON "signal_letter_templates" USING btree ("municipality_code","version");