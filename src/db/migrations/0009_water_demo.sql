-- 示例数据 (demo water samples) beside real samples, marked like the demo air hours (0007).

-- Set by the database, not by callers: the demo load (src/monitoring/demo/load.ts) writes water samples
-- through the import's store path inside a transaction that sets qingshan.demo_load = 'on'.
ALTER TABLE monitoring_water_sample ADD COLUMN demo boolean NOT NULL DEFAULT false;
-- "Are there demo samples, how many, over which time" and `demo remove` read the demo rows only.
CREATE INDEX monitoring_water_sample_demo_idx ON monitoring_water_sample (sampled_at) WHERE demo;

-- Same rules as for air: in a demo load new rows are demo and a real value is never overwritten;
-- outside one, rows are real, a real import over a demo value makes it real, and a manual correction
-- of a demo value keeps it demo.
CREATE FUNCTION monitoring_water_sample_demo_mark() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('qingshan.demo_load', true), '') = 'on' THEN
    IF TG_OP = 'UPDATE' AND NOT OLD.demo THEN
      RETURN NULL;
    END IF;
    NEW.demo := true;
  ELSIF TG_OP = 'UPDATE' THEN
    NEW.demo := OLD.demo AND NEW.corrected;
  ELSE
    NEW.demo := false;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER monitoring_water_sample_demo BEFORE INSERT OR UPDATE ON monitoring_water_sample
  FOR EACH ROW EXECUTE FUNCTION monitoring_water_sample_demo_mark();

-- The water samples a demo load wrote, apart from its air values (values_written).
ALTER TABLE monitoring_demo_load ADD COLUMN water_values_written bigint NOT NULL DEFAULT 0;
