ALTER TABLE "signals" DROP CONSTRAINT "signals_import_id_signal_imports_id_fk";
--> statement-breakpoint
ALTER TABLE "signals" DROP CONSTRAINT "signals_case_id_signal_cases_id_fk";
--> statement-breakpoint
DROP INDEX "signals_bsn_idx";--> statement-breakpoint
CREATE INDEX "signals_bsn_idx" ON "signals" USING btree ("municipality_code","bsn") WHERE "signals"."bsn" is not null;