ALTER TYPE "public"."notification_kind" ADD VALUE 'assigned';--> statement-breakpoint
CREATE TABLE "brief_tab_counts" (
	"tab" text PRIMARY KEY NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
DROP INDEX "briefs_updated_at";--> statement-breakpoint
ALTER TABLE "briefs" ADD COLUMN "recheck_due_on" date GENERATED ALWAYS AS (published_checked_on + review_interval_days) STORED;--> statement-breakpoint
ALTER TABLE "briefs" ADD COLUMN "question_key" text GENERATED ALWAYS AS (btrim(regexp_replace(lower(question), '[[:punct:][:space:]“”‘’«»¿¡–—…]+', ' ', 'g'))) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "briefs" ADD COLUMN "author_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "briefs" ADD COLUMN "assigned_reviewer_id" uuid;--> statement-breakpoint
ALTER TABLE "briefs" ADD COLUMN "desk_search" "tsvector";--> statement-breakpoint
ALTER TABLE "briefs" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "briefs" ADD COLUMN "archived_by" uuid;--> statement-breakpoint
ALTER TABLE "briefs" ADD CONSTRAINT "briefs_assigned_reviewer_id_users_id_fk" FOREIGN KEY ("assigned_reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "briefs" ADD CONSTRAINT "briefs_archived_by_users_id_fk" FOREIGN KEY ("archived_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "briefs_list_updated" ON "briefs" USING btree ("updated_at","id") WHERE "briefs"."archived_at" is null;--> statement-breakpoint
CREATE INDEX "briefs_list_state_updated" ON "briefs" USING btree ("state","updated_at","id") WHERE "briefs"."archived_at" is null;--> statement-breakpoint
CREATE INDEX "briefs_list_published_updated" ON "briefs" USING btree ("updated_at","id") WHERE "briefs"."published";--> statement-breakpoint
CREATE INDEX "briefs_list_archived" ON "briefs" USING btree ("updated_at","id") WHERE "briefs"."archived_at" is not null;--> statement-breakpoint
CREATE INDEX "briefs_list_question" ON "briefs" USING btree (lower("question"),"id") WHERE "briefs"."archived_at" is null;--> statement-breakpoint
CREATE INDEX "briefs_list_checked" ON "briefs" USING btree (coalesce("published_checked_on", '0001-01-01'::date),"id") WHERE "briefs"."archived_at" is null;--> statement-breakpoint
CREATE INDEX "briefs_list_authors" ON "briefs" USING gin ("author_ids");--> statement-breakpoint
CREATE INDEX "briefs_list_reviewer" ON "briefs" USING btree ("assigned_reviewer_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "briefs_desk_search" ON "briefs" USING gin ("desk_search");--> statement-breakpoint
CREATE INDEX "briefs_question_key" ON "briefs" USING btree ("question_key");--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "briefs_question_trigrams" ON "briefs" USING gin ("question_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "briefs_recheck_due" ON "briefs" USING btree ("recheck_due_on") WHERE "briefs"."published";--> statement-breakpoint
CREATE INDEX "briefs_untouched" ON "briefs" USING btree ("created_at") WHERE "briefs"."revision" = 1 and "briefs"."question" = '';--> statement-breakpoint
ALTER TABLE "briefs" ADD CONSTRAINT "briefs_archived_never_published" CHECK ("briefs"."archived_at" is null or "briefs"."first_published_at" is null);--> statement-breakpoint
ALTER TABLE "briefs" ADD CONSTRAINT "briefs_archived_by" CHECK (("briefs"."archived_at" is null) = ("briefs"."archived_by" is null));--> statement-breakpoint
-- The tabs of /desk/briefs a brief belongs to, as lib/desk/list.ts (tabFilter) filters them (a db
-- test holds the two together); `Needs re-check` depends on the day and is counted apart.
CREATE FUNCTION brief_tabs(
  archived_at timestamptz, state brief_state, published boolean, first_published_at timestamptz,
  submitted_version_id uuid, published_version_id uuid
) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN archived_at IS NOT NULL THEN ARRAY['archived'] ELSE array_remove(ARRAY[
    'all',
    CASE state
      WHEN 'draft' THEN 'drafts'
      WHEN 'in_review' THEN 'in_review'
      WHEN 'changes_requested' THEN 'changes_requested'
      WHEN 'approved' THEN CASE
        WHEN published_version_id IS NULL OR submitted_version_id IS DISTINCT FROM published_version_id
        THEN 'approved' END
    END,
    CASE WHEN published THEN 'published' END,
    CASE WHEN NOT published AND first_published_at IS NOT NULL THEN 'unpublished' END
  ], NULL) END
$$;--> statement-breakpoint
-- One statement's changes to the tab counts, applied in the order of the tabs (so that two
-- transactions never wait on each other's counters in a circle). Most saves change no tab and
-- touch no counter.
CREATE FUNCTION brief_tab_counts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  removed text[] := '{}';
  added text[] := '{}';
  change record;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    SELECT coalesce(array_agg(t), '{}') INTO removed FROM old_rows o,
      unnest(brief_tabs(o.archived_at, o.state, o.published, o.first_published_at, o.submitted_version_id, o.published_version_id)) t;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    SELECT coalesce(array_agg(t), '{}') INTO added FROM new_rows n,
      unnest(brief_tabs(n.archived_at, n.state, n.published, n.first_published_at, n.submitted_version_id, n.published_version_id)) t;
  END IF;
  FOR change IN
    SELECT tab, sum(d) AS d
    FROM (SELECT unnest(removed) AS tab, -1 AS d UNION ALL SELECT unnest(added), 1) AS delta
    GROUP BY tab HAVING sum(d) <> 0 ORDER BY tab
  LOOP
    UPDATE brief_tab_counts SET count = count + change.d WHERE brief_tab_counts.tab = change.tab;
  END LOOP;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER briefs_tab_counts_insert AFTER INSERT ON briefs REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION brief_tab_counts_follow();--> statement-breakpoint
CREATE TRIGGER briefs_tab_counts_update AFTER UPDATE ON briefs
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION brief_tab_counts_follow();--> statement-breakpoint
CREATE TRIGGER briefs_tab_counts_delete AFTER DELETE ON briefs REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION brief_tab_counts_follow();--> statement-breakpoint
INSERT INTO brief_tab_counts (tab, count)
SELECT tab, (
  SELECT count(*) FROM briefs b
  WHERE tab = ANY(brief_tabs(b.archived_at, b.state, b.published, b.first_published_at, b.submitted_version_id, b.published_version_id))
)
FROM unnest(ARRAY['all', 'drafts', 'in_review', 'changes_requested', 'approved', 'published', 'unpublished', 'archived']) AS tab;--> statement-breakpoint
-- The newsroom's search over the working copy: the question, then every text and source title.
-- Stripped (no positions, no weights): the desk sorts by its columns, not by rank, and a stripped
-- vector is smaller and needs no recheck of each match (ten times faster at 2,500 matches).
CREATE FUNCTION brief_desk_search(question text, content jsonb) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT strip(to_tsvector('english', coalesce(question, '') || ' ' || coalesce((
      SELECT string_agg(value #>> '{}', ' ')
      FROM jsonb_path_query(content, 'strict $.**.text') AS value
      WHERE jsonb_typeof(value) = 'string'
    ), '') || ' ' || coalesce((
      SELECT string_agg(value #>> '{}', ' ')
      FROM jsonb_path_query(content, 'strict $.sources[*].title') AS value
      WHERE jsonb_typeof(value) = 'string'
    ), '')))
$$;--> statement-breakpoint
UPDATE briefs b SET
  desk_search = brief_desk_search(b.question, v.content),
  author_ids = ARRAY(
    SELECT DISTINCT person FROM (
      SELECT b.created_by AS person
      UNION SELECT author_id FROM brief_versions WHERE brief_id = b.id AND text_hash IS NULL
      UNION SELECT unnest(contributor_ids) FROM brief_versions WHERE brief_id = b.id
    ) AS writers
  ),
  assigned_reviewer_id = (
    SELECT reviewer_id FROM completed_reviews WHERE brief_id = b.id ORDER BY created_at DESC LIMIT 1
  )
FROM brief_versions v WHERE v.id = b.head_version_id;
