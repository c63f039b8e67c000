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
CREATE INDEX "insights_areas_municipality_idx" ON "insights_areas" USING btree ("municipality_code","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "insights_benchmarks_measure_period_key" ON "insights_benchmarks" USING btree ("measure_code","period_code");--> statement-breakpoint
CREATE INDEX "insights_observations_period_idx" ON "insights_observations" USING btree ("measure_code","period_code");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_commitments_code_key" ON "programme_commitments" USING btree ("programme_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_decisions_ris_key" ON "programme_decisions" USING btree ("programme_id","ris_number");--> statement-breakpoint
CREATE INDEX "programme_initiatives_line_idx" ON "programme_initiatives" USING btree ("line_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_letters_period_key" ON "programme_letters" USING btree ("programme_id","period");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_lines_number_key" ON "programme_lines" USING btree ("programme_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_updates_initiative_period_key" ON "programme_updates" USING btree ("initiative_id","period");