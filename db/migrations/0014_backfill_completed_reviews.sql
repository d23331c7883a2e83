-- Approvals made before completed reviews were recorded: the next review compares with them
-- (Changes since the last review); with no fingerprints kept, no tick carries over from them.
INSERT INTO "completed_reviews" ("brief_id", "version_id", "reviewer_id", "outcome", "approval_id", "ticked", "created_at")
SELECT "brief_id", "version_id", "approved_by", 'approved', "id", '{}'::jsonb, "created_at"
FROM "approvals"
WHERE "kind" = 'approval'
  AND NOT EXISTS (SELECT 1 FROM "completed_reviews" WHERE "completed_reviews"."approval_id" = "approvals"."id");
