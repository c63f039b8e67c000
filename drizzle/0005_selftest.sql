CREATE TABLE "selftest_daily_counts" (
	"day" date NOT NULL,
	"municipality_code" text NOT NULL,
	"questionnaire" text NOT NULL,
	"counter" text NOT NULL,
	"value" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "selftest_daily_counts_day_municipality_code_questionnaire_counter_pk" PRIMARY KEY("day","municipality_code","questionnaire","counter")
);
