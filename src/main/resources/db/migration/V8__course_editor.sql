-- Courses written in the web editor (source EDITOR) are drafts until they pass every content rule
-- and are published; shipped courses (source FILES) are published when they are synced.
ALTER TABLE course ADD COLUMN published_at timestamptz;
UPDATE course SET published_at = created_at;
ALTER TABLE course ADD CONSTRAINT course_files_published CHECK (source = 'EDITOR' OR published_at IS NOT NULL);
ALTER TABLE course ADD CONSTRAINT course_editor_unit CHECK (source = 'FILES' OR org_unit_id IS NOT NULL);

-- Every save of a draft lists the rules it still breaks, so a draft may hold such values for a
-- while (the trainer sees them); a published course may not.
ALTER TABLE course DROP CONSTRAINT course_credit_hours_check;
ALTER TABLE course DROP CONSTRAINT course_pass_mark_check;
ALTER TABLE course ADD CONSTRAINT course_credit_hours_check CHECK (published_at IS NULL OR credit_hours > 0);
ALTER TABLE course ADD CONSTRAINT course_pass_mark_check CHECK (published_at IS NULL OR pass_mark BETWEEN 1 AND 100);

CREATE INDEX course_org_unit ON course (org_unit_id) WHERE org_unit_id IS NOT NULL;
