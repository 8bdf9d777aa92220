-- Sign-in failures are counted per account (whichever of its names was typed): 'a:' || account id,
-- or 'n:' || the lower-cased name typed when no account has it.
ALTER TABLE sign_in_attempt ADD COLUMN account_key text;
UPDATE sign_in_attempt SET account_key = 'n:' || lower(username);
ALTER TABLE sign_in_attempt ALTER COLUMN account_key SET NOT NULL;
CREATE INDEX sign_in_attempt_account_key ON sign_in_attempt (account_key, at);
