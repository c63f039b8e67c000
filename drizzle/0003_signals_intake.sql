CREATE TABLE "signal_column_mappings" (
	"creditor_organisation_id" uuid PRIMARY KEY NOT NULL,
	"columns" jsonb NOT NULL,
	"updated_by_user_id" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "signals" ALTER COLUMN "house_number" SET DATA TYPE integer USING "house_number"::integer;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "creditor_types" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "signals" ADD COLUMN "arisen_on" date;--> statement-breakpoint
ALTER TABLE "signals" ADD COLUMN "crisis" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "signals" ADD COLUMN "warm_handover" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "signal_column_mappings" ADD CONSTRAINT "signal_column_mappings_creditor_organisation_id_organisations_id_fk" FOREIGN KEY ("creditor_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signal_column_mappings" ADD CONSTRAINT "signal_column_mappings_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;