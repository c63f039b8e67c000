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
CREATE UNIQUE INDEX "programme_letters_version_key" ON "programme_letters" USING btree ("programme_id","period","version");