ALTER TABLE "insights_observations" ADD COLUMN "contributors" integer;--> statement-breakpoint
ALTER TABLE "insights_observations" ADD COLUMN "largest" jsonb;