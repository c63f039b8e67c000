ALTER TABLE "directory_locations" ADD COLUMN "source" text;--> statement-breakpoint
ALTER TABLE "directory_locations" ADD COLUMN "source_id" text;--> statement-breakpoint
ALTER TABLE "directory_organizations" ADD COLUMN "source" text;--> statement-breakpoint
ALTER TABLE "directory_organizations" ADD COLUMN "source_id" text;--> statement-breakpoint
ALTER TABLE "directory_services" ADD COLUMN "source" text;--> statement-breakpoint
ALTER TABLE "directory_services" ADD COLUMN "source_id" text;--> statement-breakpoint
CREATE UNIQUE INDEX "directory_locations_source" ON "directory_locations" USING btree ("source","source_id");--> statement-breakpoint
CREATE UNIQUE INDEX "directory_organizations_source" ON "directory_organizations" USING btree ("source","source_id");--> statement-breakpoint
CREATE UNIQUE INDEX "directory_services_source" ON "directory_services" USING btree ("source","source_id");