CREATE TABLE "insights_population" (
	"area_code" text NOT NULL,
	"year" integer NOT NULL,
	"inhabitants" integer NOT NULL,
	"households" integer,
	"import_id" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "insights_population_area_code_year_pk" PRIMARY KEY("area_code","year")
);
--> statement-breakpoint
ALTER TABLE "insights_population" ADD CONSTRAINT "insights_population_area_code_insights_areas_code_fk" FOREIGN KEY ("area_code") REFERENCES "public"."insights_areas"("code") ON DELETE no action ON UPDATE no action;