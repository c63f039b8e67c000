CREATE TABLE "pass_eligibility_rules" (
	"municipality_code" text NOT NULL,
	"pass_year" integer NOT NULL,
	"income_limit_percent" integer NOT NULL,
	"assets_limit_cents" jsonb NOT NULL,
	"carer_route_open" boolean NOT NULL,
	"volunteer_route_open" boolean NOT NULL,
	"count_partner" boolean NOT NULL,
	"children_up_to_age" integer NOT NULL,
	"count_adult_co_residents" boolean NOT NULL,
	"proofs" jsonb NOT NULL,
	"unspent_budget_rule" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pass_eligibility_rules_municipality_code_pass_year_pk" PRIMARY KEY("municipality_code","pass_year")
);
--> statement-breakpoint
CREATE TABLE "pass_year_renewals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" text NOT NULL,
	"pass_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"status" text NOT NULL,
	"renewed_by" text,
	"deadline" date,
	"by_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "pass_eligibility_rules" ADD CONSTRAINT "pass_eligibility_rules_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pass_year_renewals" ADD CONSTRAINT "pass_year_renewals_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pass_year_renewals" ADD CONSTRAINT "pass_year_renewals_pass_id_passes_id_fk" FOREIGN KEY ("pass_id") REFERENCES "public"."passes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pass_year_renewals" ADD CONSTRAINT "pass_year_renewals_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "pass_year_renewals_pass_year_key" ON "pass_year_renewals" USING btree ("pass_id","year");--> statement-breakpoint
CREATE INDEX "pass_year_renewals_year_idx" ON "pass_year_renewals" USING btree ("municipality_code","year","status");