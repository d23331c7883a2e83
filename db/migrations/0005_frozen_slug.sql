-- A brief's public URL never changes once it has one: links to it must keep working.
CREATE FUNCTION factdesk_keep_slug() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.slug IS NOT NULL AND NEW.slug IS DISTINCT FROM OLD.slug THEN
    RAISE EXCEPTION 'the slug of brief % is frozen', OLD.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER briefs_keep_slug BEFORE UPDATE OF slug ON briefs
  FOR EACH ROW EXECUTE FUNCTION factdesk_keep_slug();
