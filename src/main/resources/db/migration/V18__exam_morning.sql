-- Exam morning (#14).
-- A sign-in attempt is settled once its password has been checked. Until then (for a minute at
-- most) it counts as a failure for its account, but not for its address: hundreds of colleagues
-- behind one office address sign in at once. Earlier attempts were all checked.
ALTER TABLE sign_in_attempt ADD COLUMN settled boolean NOT NULL DEFAULT true;
ALTER TABLE sign_in_attempt ALTER COLUMN settled SET DEFAULT false;

-- "Keep me signed in on this phone": a kept session lives 14 days from its sign-in, used or not.
-- Sessions are listed on the account page (where and when they were opened) and can be ended one
-- by one, by an id that is not the token's hash.
ALTER TABLE web_session ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid();
ALTER TABLE web_session ADD CONSTRAINT web_session_id_key UNIQUE (id);
ALTER TABLE web_session ADD COLUMN kept boolean NOT NULL DEFAULT false;
ALTER TABLE web_session ADD COLUMN device text;
