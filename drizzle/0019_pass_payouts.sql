CREATE TABLE "pass_payout_lines" (
	"payout_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"provider_name" text NOT NULL,
	"iban" text NOT NULL,
	"charges" integer NOT NULL,
	"refunds" integer NOT NULL,
	"amount_cents" integer NOT NULL,
	"end_to_end_id" text NOT NULL,
	CONSTRAINT "pass_payout_lines_payout_id_provider_id_pk" PRIMARY KEY("payout_id","provider_id"),
	CONSTRAINT "pass_payout_lines_amount_positive" CHECK ("pass_payout_lines"."amount_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "pass_payouts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"execution_date" date NOT NULL,
	"message_id" text NOT NULL,
	"debtor_name" text NOT NULL,
	"debtor_iban" text NOT NULL,
	"status" text DEFAULT 'prepared' NOT NULL,
	"total_cents" integer NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "pass_providers" ADD COLUMN "iban" text;--> statement-breakpoint
ALTER TABLE "pass_transactions" ADD COLUMN "payout_id" uuid;--> statement-breakpoint
ALTER TABLE "pass_payout_lines" ADD CONSTRAINT "pass_payout_lines_payout_id_pass_payouts_id_fk" FOREIGN KEY ("payout_id") REFERENCES "public"."pass_payouts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pass_payout_lines" ADD CONSTRAINT "pass_payout_lines_provider_id_pass_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."pass_providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pass_payouts" ADD CONSTRAINT "pass_payouts_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pass_payouts" ADD CONSTRAINT "pass_payouts_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "pass_payouts_message_key" ON "pass_payouts" USING btree ("message_id");--> statement-breakpoint
ALTER TABLE "pass_transactions" ADD CONSTRAINT "pass_transactions_payout_id_pass_payouts_id_fk" FOREIGN KEY ("payout_id") REFERENCES "public"."pass_payouts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pass_transactions_unpaid_idx" ON "pass_transactions" USING btree ("provider_id","occurred_at") WHERE "pass_transactions"."payout_id" is null;