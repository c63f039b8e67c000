CREATE TABLE "insights_release_cells" (
	"release_id" uuid NOT NULL,
	"measure_code" text NOT NULL,
	"area_code" text NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"value" double precision,
	"state" text NOT NULL,
	"display" text NOT NULL,
	CONSTRAINT "insights_release_cells_release_id_measure_code_area_code_pk" PRIMARY KEY("release_id","measure_code","area_code")
);
--> statement-breakpoint
CREATE TABLE "insights_releases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" text NOT NULL,
	"period" text NOT NULL,
	"version" integer NOT NULL,
	"threshold" integer NOT NULL,
	"published_by" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
DROP INDEX "programme_letters_period_key";--> statement-breakpoint
ALTER TABLE "programme_letters" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "programme_letters" ADD COLUMN "status" text DEFAULT 'draft' NOT NULL;--> statement-breakpoint
ALTER TABLE "programme_letters" ADD COLUMN "meeting_date" date;--> statement-breakpoint
ALTER TABLE "programme_letters" ADD COLUMN "correction_note" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "programme_letters" ADD COLUMN "approved_by" text;--> statement-breakpoint
ALTER TABLE "programme_letters" ADD COLUMN "approved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "programme_letters" ADD COLUMN "release_id" uuid;--> statement-breakpoint
ALTER TABLE "programme_letters" ADD COLUMN "sent_by" text;--> statement-breakpoint
ALTER TABLE "programme_letters" ADD COLUMN "sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "programme_letters" ADD COLUMN "pdf" "bytea";--> statement-breakpoint
ALTER TABLE "programme_letters" ADD COLUMN "pdf_sha256" text;--> statement-breakpoint
ALTER TABLE "programme_letters" ADD COLUMN "docx" "bytea";--> statement-breakpoint
ALTER TABLE "programme_letters" ADD COLUMN "docx_sha256" text;--> statement-breakpoint
ALTER TABLE "programme_updates" ADD COLUMN "highlighted" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "insights_release_cells" ADD CONSTRAINT "insights_release_cells_release_id_insights_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."insights_releases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "insights_releases_version_key" ON "insights_releases" USING btree ("municipality_code","period","version");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_letters_version_key" ON "programme_letters" USING btree ("programme_id","period","version");