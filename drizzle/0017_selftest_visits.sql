CREATE TABLE "selftest_visits" (
	"token" uuid PRIMARY KEY NOT NULL,
	"day" date NOT NULL,
	"completed" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX "selftest_visits_day_idx" ON "selftest_visits" USING btree ("day");