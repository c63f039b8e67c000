ALTER TABLE "signal_cases" ADD COLUMN "history" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "referral_intakes" ADD COLUMN "signal_facts" jsonb;--> statement-breakpoint
CREATE INDEX "signal_cases_chain_referral_idx" ON "signal_cases" USING btree ("chain_referral_id") WHERE "signal_cases"."chain_referral_id" is not null;