ALTER TABLE "signal_municipality_settings" ADD COLUMN "offer_by_mail" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "recipient_masked" text;