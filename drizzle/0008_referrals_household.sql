CREATE TABLE "referral_household_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"referral_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"municipality_code" text NOT NULL,
	"relation" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "referral_household_members" ADD CONSTRAINT "referral_household_members_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_household_members" ADD CONSTRAINT "referral_household_members_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "referral_household_members_referral_idx" ON "referral_household_members" USING btree ("referral_id");--> statement-breakpoint
CREATE INDEX "referral_household_members_person_idx" ON "referral_household_members" USING btree ("person_id");