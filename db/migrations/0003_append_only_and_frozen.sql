-- The audit log and the corrections are append-only: nothing updates or deletes a row.
CREATE FUNCTION factdesk_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: rows cannot be changed or deleted', TG_TABLE_NAME
    USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION factdesk_refuse_change();
--> statement-breakpoint
CREATE TRIGGER corrections_append_only BEFORE UPDATE OR DELETE ON corrections
  FOR EACH ROW EXECUTE FUNCTION factdesk_refuse_change();
--> statement-breakpoint
-- A version that was submitted, reviewed or published never changes again.
CREATE FUNCTION factdesk_keep_frozen_versions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND OLD.frozen THEN
    RAISE EXCEPTION 'version % of brief % is frozen', OLD.number, OLD.brief_id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.frozen AND (
    NEW.content IS DISTINCT FROM OLD.content OR NEW.content_hash IS DISTINCT FROM OLD.content_hash
    OR NEW.kind IS DISTINCT FROM OLD.kind OR NEW.number IS DISTINCT FROM OLD.number
    OR NEW.author_id IS DISTINCT FROM OLD.author_id OR NOT NEW.frozen
  ) THEN
    RAISE EXCEPTION 'version % of brief % is frozen', OLD.number, OLD.brief_id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER brief_versions_keep_frozen BEFORE UPDATE OR DELETE ON brief_versions
  FOR EACH ROW EXECUTE FUNCTION factdesk_keep_frozen_versions();
