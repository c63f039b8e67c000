CREATE INDEX "persons_surname_search_idx" ON "persons" USING btree ("municipality_code",regexp_replace(lower("surname"), '^((van|von|de|der|den|het|''t|ter|ten|te|in|op|uit|la|le|du|d'') +)+', '') text_pattern_ops);--> statement-breakpoint
CREATE INDEX "signal_cases_urgent_idx" ON "signal_cases" USING btree ("municipality_code","urgent" DESC NULLS LAST,"due_date","created_at","id");--> statement-breakpoint
CREATE INDEX "signal_cases_household_search_idx" ON "signal_cases" USING btree ("municipality_code","household_key" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "signal_cases_person_idx" ON "signal_cases" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "signals_reference_idx" ON "signals" USING btree ("reference");