-- Usernames and mobile numbers are one namespace of sign-in names: a username may not be another
-- account's mobile number (it would take over that number's sign-in), nor the other way round.
-- The primary key enforces it under concurrency; a trigger keeps the table in step with account.
CREATE TABLE account_sign_in_name (
  name       text PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES account (id) ON DELETE CASCADE
);
CREATE INDEX account_sign_in_name_account ON account_sign_in_name (account_id);

-- Existing data: the first account to hold a name keeps it (a clash already stored stays as it was).
INSERT INTO account_sign_in_name (name, account_id)
SELECT lower(username), id FROM account ORDER BY created_at, id
ON CONFLICT DO NOTHING;
INSERT INTO account_sign_in_name (name, account_id)
SELECT mobile, id FROM account WHERE mobile IS NOT NULL ORDER BY created_at, id
ON CONFLICT DO NOTHING;

CREATE FUNCTION account_sign_in_names() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM account_sign_in_name WHERE account_id = NEW.id;
  -- A clash raises unique_violation (23505), which the services report as "already in use".
  INSERT INTO account_sign_in_name (name, account_id) VALUES (lower(NEW.username), NEW.id);
  IF NEW.mobile IS NOT NULL AND NEW.mobile <> lower(NEW.username) THEN
    INSERT INTO account_sign_in_name (name, account_id) VALUES (NEW.mobile, NEW.id);
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER account_sign_in_names AFTER INSERT OR UPDATE OF username, mobile ON account
  FOR EACH ROW EXECUTE FUNCTION account_sign_in_names();
