-- A review step keeps the name its actor had at the time, as the review record shows it (the
-- case library reads no other feature's tables).
ALTER TABLE case_review_event ADD COLUMN actor_name text;
UPDATE case_review_event e SET actor_name = a.display_name FROM account a WHERE a.id = e.actor_id;
