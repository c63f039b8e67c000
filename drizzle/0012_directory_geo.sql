CREATE TABLE "directory_postcode_centres" (
	"pc4" text PRIMARY KEY NOT NULL,
	"place" text NOT NULL,
	"latitude" numeric(9, 6) NOT NULL,
	"longitude" numeric(9, 6) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "directory_synonyms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"term" text NOT NULL,
	"synonyms" text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "directory_locations" ADD COLUMN "latitude" numeric(9, 6);--> statement-breakpoint
ALTER TABLE "directory_locations" ADD COLUMN "longitude" numeric(9, 6);--> statement-breakpoint
CREATE UNIQUE INDEX "directory_synonyms_term" ON "directory_synonyms" USING btree ("term");