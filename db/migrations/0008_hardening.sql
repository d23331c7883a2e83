CREATE TABLE "user_audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"actor_id" uuid,
	"subject_id" uuid NOT NULL,
	"action" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "brief_versions" ADD COLUMN "contributor_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "user_audit_log" ADD CONSTRAINT "user_audit_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_audit_log" ADD CONSTRAINT "user_audit_log_subject_id_users_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_sessions" ADD CONSTRAINT "user_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "user_audit_log_created_at" ON "user_audit_log" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "user_sessions_user" ON "user_sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "user_sessions_expires_at" ON "user_sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "brief_presence_expires_at" ON "brief_presence" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "login_throttle_window_started_at" ON "login_throttle" USING btree ("window_started_at");--> statement-breakpoint
CREATE TRIGGER user_audit_log_append_only BEFORE UPDATE OR DELETE ON user_audit_log
  FOR EACH ROW EXECUTE FUNCTION factdesk_refuse_change();
--> statement-breakpoint
-- Existing versions: the authors of every version since the last approved one (the earlier
-- rule), plus, for a restore, those of the version it brought back.
WITH approved AS (
  SELECT DISTINCT v.brief_id, v.number FROM approvals a JOIN brief_versions v ON v.id = a.version_id
), unchecked AS (
  SELECT v.id, v.brief_id, v.number, v.restored_from,
    ARRAY(
      SELECT DISTINCT w.author_id FROM brief_versions w
      WHERE w.brief_id = v.brief_id AND w.number <= v.number
        AND w.number > COALESCE((SELECT max(p.number) FROM approved p
                                 WHERE p.brief_id = v.brief_id AND p.number < v.number), 0)
    ) AS ids
  FROM brief_versions v
)
UPDATE brief_versions t SET contributor_ids = ARRAY(
  SELECT DISTINCT x FROM unnest(u.ids || COALESCE(
    (SELECT r.ids FROM unchecked r WHERE r.brief_id = u.brief_id AND r.number = u.restored_from),
    '{}'::uuid[])) AS x)
FROM unchecked u WHERE t.id = u.id;
--> statement-breakpoint
-- The contributors of a frozen version are part of what never changes.
CREATE OR REPLACE FUNCTION factdesk_keep_frozen_versions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND OLD.frozen THEN
    RAISE EXCEPTION 'version % of brief % is frozen', OLD.number, OLD.brief_id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.frozen AND (
    NEW.content IS DISTINCT FROM OLD.content OR NEW.content_hash IS DISTINCT FROM OLD.content_hash
    OR NEW.kind IS DISTINCT FROM OLD.kind OR NEW.number IS DISTINCT FROM OLD.number
    OR NEW.author_id IS DISTINCT FROM OLD.author_id OR NOT NEW.frozen
    OR NEW.contributor_ids IS DISTINCT FROM OLD.contributor_ids
  ) THEN
    RAISE EXCEPTION 'version % of brief % is frozen', OLD.number, OLD.brief_id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
