-- Registry records that must never change once written (issue #4). Prisma's schema language has
-- no triggers, so they live only here; `prisma migrate diff` ignores them.

-- A registered model version is immutable. The only updates allowed are the ones PostgreSQL makes
-- itself when a referenced dataset snapshot or training run is deleted (ON DELETE SET NULL).
CREATE FUNCTION "ciclo_model_versions_immutable"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF (to_jsonb(NEW) - 'snapshot_id' - 'run_id') IS DISTINCT FROM (to_jsonb(OLD) - 'snapshot_id' - 'run_id')
     OR (NEW."snapshot_id" IS DISTINCT FROM OLD."snapshot_id" AND NEW."snapshot_id" IS NOT NULL)
     OR (NEW."run_id" IS DISTINCT FROM OLD."run_id" AND NEW."run_id" IS NOT NULL) THEN
    RAISE EXCEPTION 'model version % of model % is immutable', OLD."version", OLD."model_id"
      USING ERRCODE = 'P0001', HINT = 'register a new version instead';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "model_versions_immutable"
  BEFORE UPDATE ON "model_versions"
  FOR EACH ROW EXECUTE FUNCTION "ciclo_model_versions_immutable"();

-- Alias history and the audit log are append-only.
CREATE FUNCTION "ciclo_append_only"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'P0001';
END;
$$;

CREATE TRIGGER "alias_events_append_only"
  BEFORE UPDATE ON "alias_events"
  FOR EACH ROW EXECUTE FUNCTION "ciclo_append_only"();

CREATE TRIGGER "audit_log_append_only"
  BEFORE UPDATE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION "ciclo_append_only"();
