ALTER TABLE "briefs" ADD COLUMN "published_question" text;--> statement-breakpoint
UPDATE "briefs" SET "published_question" = "brief_versions"."content"->>'question' FROM "brief_versions" WHERE "brief_versions"."id" = "briefs"."published_version_id";
