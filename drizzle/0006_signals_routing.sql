CREATE TABLE "postcode_areas" (
	"postcode" text PRIMARY KEY NOT NULL,
	"municipality_code" text NOT NULL,
	"wijk_code" text,
	"wijk_name" text,
	"buurt_code" text,
	"buurt_name" text
);
--> statement-breakpoint
ALTER TABLE "signal_imports" ADD COLUMN "not_resident" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "signal_imports" ADD COLUMN "municipalities" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "signals" ADD COLUMN "threat" text;--> statement-breakpoint
ALTER TABLE "postcode_areas" ADD CONSTRAINT "postcode_areas_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- The seven Drechtsteden municipalities (also made at start-up) and the default postcode table (src/modules/signals/postcodeAreas.ts).
INSERT INTO "municipalities" ("code", "name") VALUES ('GM0505', 'Dordrecht'), ('GM0482', 'Alblasserdam'), ('GM0531', 'Hendrik-Ido-Ambacht'), ('GM0590', 'Papendrecht'), ('GM0610', 'Sliedrecht'), ('GM0642', 'Zwijndrecht'), ('GM0523', 'Hardinxveld-Giessendam') ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "postcode_areas" ("postcode", "municipality_code", "wijk_code", "wijk_name", "buurt_code", "buurt_name") VALUES
('2950', 'GM0482', NULL, NULL, NULL, NULL),
('2951', 'GM0482', NULL, NULL, NULL, NULL),
('2952', 'GM0482', NULL, NULL, NULL, NULL),
('2953', 'GM0482', NULL, NULL, NULL, NULL),
('2954', 'GM0482', NULL, NULL, NULL, NULL),
('2995', 'GM0642', NULL, NULL, NULL, NULL),
('3311', 'GM0505', 'WK050501', 'Binnenstad', NULL, NULL),
('3312', 'GM0505', 'WK050501', 'Binnenstad', NULL, NULL),
('3313', 'GM0505', 'WK050502', 'Noordflank', NULL, NULL),
('3314', 'GM0505', 'WK050503', 'Krispijn', NULL, NULL),
('3315', 'GM0505', 'WK050504', 'Wielwijk', NULL, NULL),
('3316', 'GM0505', 'WK050505', 'Crabbehof', NULL, NULL),
('3317', 'GM0505', 'WK050503', 'Krispijn', NULL, NULL),
('3318', 'GM0505', 'WK050507', 'Stadspolders', NULL, NULL),
('3319', 'GM0505', 'WK050506', 'Dubbeldam', NULL, NULL),
('3321', 'GM0505', 'WK050508', 'Sterrenburg', NULL, NULL),
('3322', 'GM0505', 'WK050508', 'Sterrenburg', NULL, NULL),
('3323', 'GM0505', 'WK050508', 'Sterrenburg', NULL, NULL),
('3324', 'GM0505', 'WK050509', 'Zuidhoven', NULL, NULL),
('3325', 'GM0505', 'WK050510', 'De Staart', NULL, NULL),
('3326', 'GM0505', 'WK050510', 'De Staart', NULL, NULL),
('3327', 'GM0505', 'WK050511', 'Reeland', NULL, NULL),
('3328', 'GM0505', 'WK050506', 'Dubbeldam', NULL, NULL),
('3329', 'GM0505', 'WK050512', 'Oud-Dubbeldam', NULL, NULL),
('3330', 'GM0642', NULL, NULL, NULL, NULL),
('3331', 'GM0642', NULL, NULL, NULL, NULL),
('3332', 'GM0642', NULL, NULL, NULL, NULL),
('3333', 'GM0642', NULL, NULL, NULL, NULL),
('3334', 'GM0642', NULL, NULL, NULL, NULL),
('3335', 'GM0642', NULL, NULL, NULL, NULL),
('3340', 'GM0531', NULL, NULL, NULL, NULL),
('3341', 'GM0531', NULL, NULL, NULL, NULL),
('3342', 'GM0531', NULL, NULL, NULL, NULL),
('3343', 'GM0531', NULL, NULL, NULL, NULL),
('3344', 'GM0531', NULL, NULL, NULL, NULL),
('3350', 'GM0590', NULL, NULL, NULL, NULL),
('3351', 'GM0590', NULL, NULL, NULL, NULL),
('3352', 'GM0590', NULL, NULL, NULL, NULL),
('3353', 'GM0590', NULL, NULL, NULL, NULL),
('3354', 'GM0590', NULL, NULL, NULL, NULL),
('3355', 'GM0590', NULL, NULL, NULL, NULL),
('3356', 'GM0590', NULL, NULL, NULL, NULL),
('3360', 'GM0610', NULL, NULL, NULL, NULL),
('3361', 'GM0610', NULL, NULL, NULL, NULL),
('3362', 'GM0610', NULL, NULL, NULL, NULL),
('3363', 'GM0610', NULL, NULL, NULL, NULL),
('3364', 'GM0610', NULL, NULL, NULL, NULL),
('3370', 'GM0523', NULL, NULL, NULL, NULL),
('3371', 'GM0523', NULL, NULL, NULL, NULL),
('3372', 'GM0523', NULL, NULL, NULL, NULL),
('3373', 'GM0523', NULL, NULL, NULL, NULL)
ON CONFLICT DO NOTHING;
