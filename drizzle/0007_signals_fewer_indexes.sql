DROP INDEX "signal_cases_import_idx";--> statement-breakpoint
DROP INDEX "signals_import_idx";