CREATE TABLE "insights_release_base" (
	"release_id" uuid NOT NULL,
	"measure_code" text NOT NULL,
	"level" text NOT NULL,
	"area_code" text NOT NULL,
	"name" text NOT NULL,
	"period_code" text NOT NULL,
	"value" double precision,
	"state" text NOT NULL,
	"reason" text,
	CONSTRAINT "insights_release_base_release_id_measure_code_level_area_code_period_code_pk" PRIMARY KEY("release_id","measure_code","level","area_code","period_code")
);
--> statement-breakpoint
ALTER TABLE "insights_release_base" ADD CONSTRAINT "insights_release_base_release_id_insights_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."insights_releases"("id") ON DELETE cascade ON UPDATE no action;