DROP INDEX "briefs_public_list";--> statement-breakpoint
ALTER TABLE "briefs" ADD COLUMN "published_question" text;--> statement-breakpoint
CREATE INDEX "briefs_public_list" ON "briefs" USING btree ("published_checked_on" DESC NULLS FIRST,"first_published_at" DESC NULLS FIRST) WHERE "briefs"."published";--> statement-breakpoint
UPDATE "briefs" SET "published_question" = "brief_versions"."content"->>'question' FROM "brief_versions" WHERE "brief_versions"."id" = "briefs"."published_version_id";
