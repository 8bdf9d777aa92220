-- Skills competitions (擂台比武, #15): a competition run by an org unit, its entrants and teams,
-- its rounds in order, and the knowledge round's frozen question set, entries and answers.
-- Every change an organiser makes is also written to audit_log (subject_id = the competition's id).

CREATE TABLE competition (
  id                  uuid PRIMARY KEY,
  title               text NOT NULL CHECK (length(btrim(title)) > 0),
  year                int  NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  -- the unit that runs it: its organisers and those of the units above manage it
  org_unit_id         uuid NOT NULL REFERENCES org_unit (id),
  stage               text NOT NULL DEFAULT 'DRAFT'
                      CHECK (stage IN ('DRAFT', 'REGISTRATION', 'RUNNING', 'RESULTS_PUBLISHED', 'ARCHIVED')),
  -- who may enter, as a course's audience: {"postCategories":[..],"gradeMin":n,"gradeMax":n,
  -- "qualifications":[..],"orgUnitIds":[..]} (empty or absent: no limit on that point)
  audience            jsonb NOT NULL DEFAULT '{}'::jsonb,
  registration_opens  timestamptz,
  registration_closes timestamptz,
  entry_mode          text NOT NULL DEFAULT 'SELF' CHECK (entry_mode IN ('SELF', 'NOMINATION')),
  team_basis          text NOT NULL DEFAULT 'NONE' CHECK (team_basis IN ('NONE', 'DISTRICT', 'STREET', 'CUSTOM')),
  -- {"mode":"SUM_OF_BEST_K"|"MEAN_OF_BEST_K","k":n} (competition.TeamScoring)
  team_scoring        jsonb,
  -- {"basis":"BY_RANK"|"BY_SHARE","bands":[{"award":"FIRST","limit":n},…]} (competition.AwardBands)
  award_bands         jsonb,
  created_by          uuid NOT NULL REFERENCES account (id),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  -- optimistic locking of organiser edits
  version             int NOT NULL DEFAULT 1,
  CHECK (registration_closes IS NULL OR registration_opens IS NULL OR registration_opens < registration_closes)
);
CREATE INDEX competition_org_unit ON competition (org_unit_id, year DESC);

-- Nomination quotas: how many contestants the organisers of a lower unit may nominate.
CREATE TABLE competition_quota (
  competition_id uuid NOT NULL REFERENCES competition (id) ON DELETE CASCADE,
  org_unit_id    uuid NOT NULL REFERENCES org_unit (id),
  places         int  NOT NULL CHECK (places >= 0),
  PRIMARY KEY (competition_id, org_unit_id)
);

-- Custom teams (team_basis = 'CUSTOM'); district and street teams are worked out from the
-- contestants' units and stored on the registration as team_key.
CREATE TABLE competition_team (
  competition_id uuid NOT NULL REFERENCES competition (id) ON DELETE CASCADE,
  team_key       text NOT NULL,
  name           text NOT NULL CHECK (length(btrim(name)) > 0),
  PRIMARY KEY (competition_id, team_key)
);

CREATE TABLE competition_registration (
  competition_id uuid NOT NULL REFERENCES competition (id) ON DELETE CASCADE,
  account_id     uuid NOT NULL REFERENCES account (id),
  -- the contestant's unit when they entered (teams and quotas count by it)
  org_unit_id    uuid NOT NULL REFERENCES org_unit (id),
  via            text NOT NULL CHECK (via IN ('SELF', 'NOMINATION')),
  -- the organiser who nominated, and the unit whose quota the place counts against
  nominated_by   uuid REFERENCES account (id),
  quota_unit_id  uuid REFERENCES org_unit (id),
  team_key       text,
  registered_at  timestamptz NOT NULL DEFAULT now(),
  withdrawn_at   timestamptz,
  PRIMARY KEY (competition_id, account_id),
  CHECK (via = 'SELF' OR (nominated_by IS NOT NULL AND quota_unit_id IS NOT NULL))
);
CREATE INDEX competition_registration_quota ON competition_registration (competition_id, quota_unit_id)
  WHERE withdrawn_at IS NULL;
CREATE INDEX competition_registration_account ON competition_registration (account_id);

-- Rounds in order. Only KNOWLEDGE rounds are run here (#15); the judged case round and the live
-- final are declared now and run by the next issue.
CREATE TABLE competition_round (
  id              uuid PRIMARY KEY,
  competition_id  uuid NOT NULL REFERENCES competition (id) ON DELETE CASCADE,
  position        int  NOT NULL CHECK (position >= 1),
  title           text NOT NULL CHECK (length(btrim(title)) > 0),
  kind            text NOT NULL CHECK (kind IN ('KNOWLEDGE', 'CASE_ANALYSIS', 'LIVE_FINAL')),
  -- who goes on to the next round: {"kind":"TOP_N"|"TOP_SHARE"|"QUOTA_PER_TEAM","value":n}, null for the last
  advancement     jsonb,
  -- knowledge round settings (null for other kinds)
  scoring         text CHECK (scoring IN ('CORRECT_THEN_TIME', 'SPEED_POINTS')),
  tie_break       text CHECK (tie_break IN ('NONE', 'EARLIER_SUBMISSION', 'FEWER_WRONG')),
  timing          text CHECK (timing IN ('WINDOW', 'COMMON_START')),
  -- WINDOW: enter any time in [opens_at, closes_at), then `minutes` each (never past closes_at);
  -- COMMON_START: everyone from opens_at, for `minutes`
  opens_at        timestamptz,
  closes_at       timestamptz,
  minutes         int CHECK (minutes IS NULL OR minutes BETWEEN 1 AND 600),
  -- each question's time allowance (speed points, and the time a question counts for at most);
  -- null: minutes × 60 / the number of questions
  question_seconds int CHECK (question_seconds IS NULL OR question_seconds BETWEEN 5 AND 3600),
  -- where the questions come from: {"blueprint":"id","count":n} or {"questionIds":[..]}
  question_source jsonb,
  state           text NOT NULL DEFAULT 'PLANNED' CHECK (state IN ('PLANNED', 'OPEN', 'CLOSED')),
  opened_at       timestamptz,
  closed_at       timestamptz,
  version         int NOT NULL DEFAULT 1,
  UNIQUE (competition_id, position)
);

-- The question set, frozen when the round opens: a copy of each question as it was (later bank
-- edits change nothing here).
CREATE TABLE competition_round_question (
  round_id    uuid NOT NULL REFERENCES competition_round (id) ON DELETE CASCADE,
  position    int  NOT NULL CHECK (position >= 1),
  question_id uuid NOT NULL,
  revision    int  NOT NULL,
  -- the question body as stored in the bank at that revision (stem, options, key, explanation)
  body        jsonb NOT NULL,
  marks       double precision NOT NULL,
  PRIMARY KEY (round_id, position),
  UNIQUE (round_id, question_id)
);

-- One contestant's entry in a knowledge round.
CREATE TABLE competition_entry (
  id             uuid PRIMARY KEY,
  round_id       uuid NOT NULL REFERENCES competition_round (id),
  account_id     uuid NOT NULL REFERENCES account (id),
  started_at     timestamptz NOT NULL,
  deadline       timestamptz NOT NULL,
  submitted_at   timestamptz,
  auto_submitted boolean NOT NULL DEFAULT false,
  -- the one active device: a second device takes over by replacing it
  device_id      text NOT NULL,
  takeovers      int  NOT NULL DEFAULT 0,
  -- the score once submitted (see competition.RoundScore)
  points         double precision,
  correct        int,
  wrong          int,
  total_ms       bigint,
  UNIQUE (round_id, account_id)
);
CREATE INDEX competition_entry_open ON competition_entry (deadline) WHERE submitted_at IS NULL;

-- The current answer to each question, saved as it is given; `seq` orders a client's saves so
-- that an older save never overwrites a newer one. `elapsed_ms` is from the entry's start.
CREATE TABLE competition_answer (
  entry_id    uuid NOT NULL REFERENCES competition_entry (id),
  question_id uuid NOT NULL,
  response    jsonb NOT NULL,
  seq         bigint NOT NULL,
  elapsed_ms  bigint NOT NULL,
  -- marked when saved against the frozen key, for live standings: the question's time as scored,
  -- the marks earned by the exam rule, and whether that is full marks
  answer_ms   bigint NOT NULL,
  earned      double precision NOT NULL,
  full_marks  boolean NOT NULL,
  saved_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (entry_id, question_id)
);

-- What organisers see as notes beside an entry: the page hidden or shown again, a takeover.
CREATE TABLE competition_entry_note (
  id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  entry_id uuid NOT NULL REFERENCES competition_entry (id),
  kind     text NOT NULL CHECK (kind IN ('PAGE_HIDDEN', 'PAGE_SHOWN', 'TAKEOVER')),
  at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX competition_entry_note_entry ON competition_entry_note (entry_id, at);

-- Results once computed (at the round's close), published with the competition's results.
CREATE TABLE competition_result (
  round_id   uuid NOT NULL REFERENCES competition_round (id),
  account_id uuid NOT NULL REFERENCES account (id),
  rank       int NOT NULL,
  tied       boolean NOT NULL,
  points     double precision NOT NULL,
  correct    int NOT NULL,
  total_ms   bigint NOT NULL,
  advances   boolean NOT NULL DEFAULT false,
  PRIMARY KEY (round_id, account_id)
);

CREATE TABLE competition_award (
  competition_id uuid NOT NULL REFERENCES competition (id),
  account_id     uuid NOT NULL REFERENCES account (id),
  award          text NOT NULL CHECK (award IN ('FIRST', 'SECOND', 'THIRD', 'EXCELLENCE')),
  rank           int  NOT NULL,
  -- the certificate's verification code (served by /verify/{code} as course certificates are)
  code           text NOT NULL UNIQUE,
  holder_name    text NOT NULL,
  title          text NOT NULL,
  issuing_unit   text NOT NULL,
  issued_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (competition_id, account_id)
);
