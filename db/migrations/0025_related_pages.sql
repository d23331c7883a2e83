ALTER TABLE "briefs" ADD COLUMN "published_related_keys" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
CREATE INDEX "briefs_published_related_keys" ON "briefs" USING gin ("published_related_keys") WHERE "briefs"."published";--> statement-breakpoint
-- The briefs published before: their published version's related questions, matched as
-- lib/publication/related.ts (questionKey) matches them.
UPDATE "briefs" SET "published_related_keys" = coalesce((
  SELECT array_agg(lower(btrim(regexp_replace(q->>'text', '\s+', ' ', 'g'))))
  FROM "brief_versions" v, jsonb_array_elements(coalesce(v."content"->'relatedQuestions', '[]'::jsonb)) q
  WHERE v."id" = "briefs"."published_version_id"
), '{}'::text[])
WHERE "published_version_id" IS NOT NULL;