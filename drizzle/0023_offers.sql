ALTER TABLE "pass_campaign_credits" ADD COLUMN "used_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "pass_campaigns" ADD COLUMN "target_min_age" integer;--> statement-breakpoint
ALTER TABLE "pass_campaigns" ADD COLUMN "target_max_age" integer;--> statement-breakpoint
ALTER TABLE "pass_campaigns" ADD COLUMN "target_area_code" text;--> statement-breakpoint
ALTER TABLE "pass_campaigns" ADD COLUMN "ends_on" date;--> statement-breakpoint
ALTER TABLE "pass_offers" ADD COLUMN "kind" text DEFAULT 'offer' NOT NULL;--> statement-breakpoint
ALTER TABLE "pass_offers" ADD COLUMN "discount_text" text;--> statement-breakpoint
ALTER TABLE "pass_offers" ADD COLUMN "audience" text DEFAULT 'everyone' NOT NULL;--> statement-breakpoint
ALTER TABLE "pass_offers" ADD COLUMN "min_age" integer;--> statement-breakpoint
ALTER TABLE "pass_offers" ADD COLUMN "max_age" integer;--> statement-breakpoint
ALTER TABLE "pass_offers" ADD COLUMN "area_codes" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "pass_offers" ADD COLUMN "valid_from" date;--> statement-breakpoint
ALTER TABLE "pass_offers" ADD COLUMN "valid_until" date;--> statement-breakpoint
ALTER TABLE "pass_offers" ADD COLUMN "status" text DEFAULT 'approved' NOT NULL;--> statement-breakpoint
ALTER TABLE "pass_offers" ADD COLUMN "rejection_reason" text;--> statement-breakpoint
ALTER TABLE "pass_offers" ADD COLUMN "submitted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "pass_offers" ADD COLUMN "decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "pass_offers" ADD COLUMN "decided_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "pass_offers" ADD CONSTRAINT "pass_offers_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pass_offers_status_idx" ON "pass_offers" USING btree ("status");