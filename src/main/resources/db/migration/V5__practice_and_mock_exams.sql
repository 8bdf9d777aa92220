-- A worker's practice: sessions (an ordered set of questions with a position, so practice
-- resumes on any device), every answer given (append-only), and the per-question state that
-- the mistake book, favourites and spaced review read.
CREATE TABLE practice_session (
  id           uuid PRIMARY KEY,
  account_id   uuid NOT NULL REFERENCES account (id),
  mode         text NOT NULL CHECK (mode IN ('CHAPTER', 'RANDOM', 'DAILY', 'REVIEW', 'MISTAKES', 'FAVOURITES')),
  title        text NOT NULL,
  question_ids uuid[] NOT NULL,
  position     int NOT NULL DEFAULT 0,
  -- the calendar day of a daily practice (one per worker and day)
  day          date,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX practice_session_account ON practice_session (account_id, updated_at DESC);
CREATE UNIQUE INDEX practice_session_daily ON practice_session (account_id, day) WHERE mode = 'DAILY';

CREATE TABLE practice_answer (
  id          uuid PRIMARY KEY,
  account_id  uuid NOT NULL REFERENCES account (id),
  question_id uuid NOT NULL REFERENCES question (id),
  revision    int NOT NULL,
  session_id  uuid REFERENCES practice_session (id),
  mock_exam_id uuid,
  response    jsonb NOT NULL,
  correct     boolean NOT NULL,
  answered_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX practice_answer_account ON practice_answer (account_id, answered_at);
CREATE INDEX practice_answer_question ON practice_answer (question_id);

CREATE TABLE question_state (
  account_id        uuid NOT NULL REFERENCES account (id),
  question_id       uuid NOT NULL REFERENCES question (id),
  attempts          int NOT NULL DEFAULT 0,
  correct_count     int NOT NULL DEFAULT 0,
  last_correct      boolean,
  consecutive_right int NOT NULL DEFAULT 0,
  in_mistake_book   boolean NOT NULL DEFAULT false,
  favourite         boolean NOT NULL DEFAULT false,
  -- FSRS card
  fsrs_state        text,
  fsrs_step         int,
  stability         double precision,
  difficulty        double precision,
  due_at            timestamptz,
  last_review_at    timestamptz,
  updated_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, question_id)
);
CREATE INDEX question_state_mistakes ON question_state (account_id) WHERE in_mistake_book;
CREATE INDEX question_state_favourites ON question_state (account_id) WHERE favourite;
CREATE INDEX question_state_due ON question_state (account_id, due_at);

-- The exam a worker is preparing for; its date pulls spaced reviews before it.
CREATE TABLE exam_goal (
  account_id uuid PRIMARY KEY REFERENCES account (id),
  level      text NOT NULL CHECK (level IN ('ASSISTANT', 'INTERMEDIATE', 'SENIOR')),
  exam_date  date,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE mock_exam (
  id             uuid PRIMARY KEY,
  account_id     uuid NOT NULL REFERENCES account (id),
  blueprint_id   text NOT NULL,
  title          text NOT NULL,
  -- the drawn paper: [{questionId, revision, type, chapter, marks, correct:[…], rubricTotal}]
  paper          jsonb NOT NULL,
  max_score      double precision NOT NULL,
  pass_mark      double precision NOT NULL,
  started_at     timestamptz NOT NULL DEFAULT now(),
  deadline       timestamptz NOT NULL,
  submitted_at   timestamptz,
  auto_submitted boolean NOT NULL DEFAULT false,
  score          double precision,
  passed         boolean,
  by_chapter     jsonb
);
CREATE INDEX mock_exam_account ON mock_exam (account_id, started_at DESC);
CREATE INDEX mock_exam_open ON mock_exam (deadline) WHERE submitted_at IS NULL;

-- The current answer to each question of a mock exam, saved as it is given. `seq` orders a
-- client's saves so that a late-arriving older save cannot overwrite a newer one.
CREATE TABLE mock_exam_answer (
  mock_exam_id uuid NOT NULL REFERENCES mock_exam (id),
  question_id  uuid NOT NULL,
  response     jsonb NOT NULL,
  seq          bigint NOT NULL,
  saved_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (mock_exam_id, question_id)
);

-- Case-analysis practice: the worker's own answer and the rubric points they marked as covered.
CREATE TABLE case_practice (
  id              uuid PRIMARY KEY,
  account_id      uuid NOT NULL REFERENCES account (id),
  question_id     uuid NOT NULL REFERENCES question (id),
  revision        int NOT NULL,
  answer_text     text NOT NULL,
  covered_points  int[],
  self_score      double precision,
  created_at      timestamptz NOT NULL DEFAULT now(),
  assessed_at     timestamptz
);
CREATE INDEX case_practice_account ON case_practice (account_id, created_at DESC);
