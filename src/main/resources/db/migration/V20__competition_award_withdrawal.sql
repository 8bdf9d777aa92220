-- Competition awards (#15): an award is never overwritten. When results are withdrawn to settle a
-- dispute and published again, an award that changed is withdrawn (withdrawn_at: its certificate
-- then verifies as void) and a new one issued with a new code; an unchanged award keeps its code.
-- So a contestant holds at most one current award per competition, and may have withdrawn ones.
ALTER TABLE competition_award DROP CONSTRAINT competition_award_pkey;
ALTER TABLE competition_award ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid();
ALTER TABLE competition_award ADD PRIMARY KEY (id);
ALTER TABLE competition_award ADD COLUMN withdrawn_at timestamptz;
CREATE UNIQUE INDEX competition_award_current ON competition_award (competition_id, account_id)
  WHERE withdrawn_at IS NULL;
-- The points of the ranking the award was given on (shown on the certificate page and in exports).
ALTER TABLE competition_award ADD COLUMN points double precision;
