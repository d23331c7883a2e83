ALTER TABLE "briefs" ADD COLUMN "slug" text;--> statement-breakpoint
ALTER TABLE "briefs" ADD COLUMN "search_document" "tsvector";--> statement-breakpoint
CREATE UNIQUE INDEX "briefs_slug_unique" ON "briefs" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "briefs_search" ON "briefs" USING gin ("search_document");--> statement-breakpoint
CREATE INDEX "briefs_public_list" ON "briefs" USING btree ("published","published_checked_on" DESC NULLS LAST,"first_published_at" DESC NULLS LAST);--> statement-breakpoint
ALTER TABLE "briefs" ADD CONSTRAINT "briefs_published_needs_slug" CHECK (not "briefs"."published" or "briefs"."slug" is not null);