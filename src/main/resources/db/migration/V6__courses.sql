-- Tiered courses. Shipped courses come from courses/<id>/ (source FILES, synced by stable id);
-- trainers may create courses of their org unit in the web UI (source EDITOR).
CREATE TABLE course (
  id                     text PRIMARY KEY,
  title                  text NOT NULL,
  tier                   text NOT NULL CHECK (tier IN ('INDUCTION', 'IN_SERVICE', 'SPECIALISED', 'PRACTICUM')),
  summary                text NOT NULL,
  audience               jsonb NOT NULL DEFAULT '{}'::jsonb,
  prerequisites          text[] NOT NULL DEFAULT '{}',
  credit_hours           double precision NOT NULL CHECK (credit_hours > 0),
  pass_mark              int NOT NULL CHECK (pass_mark BETWEEN 1 AND 100),
  post_entry_certificate boolean NOT NULL DEFAULT false,
  final_assessment       jsonb NOT NULL,
  org_unit_id            uuid REFERENCES org_unit (id),
  source                 text NOT NULL CHECK (source IN ('FILES', 'EDITOR')),
  content_hash           text NOT NULL,
  revision               int NOT NULL DEFAULT 1,
  retired_at             timestamptz,
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE course_lesson (
  course_id       text NOT NULL REFERENCES course (id),
  id              text NOT NULL,
  module_id       text NOT NULL,
  module_title    text NOT NULL,
  module_position int NOT NULL,
  position        int NOT NULL,
  title           text NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('READING', 'VIDEO', 'CASE', 'QUIZ')),
  body            text,
  case_id         text,
  url             text,
  minutes         int NOT NULL DEFAULT 0,
  quiz            jsonb,
  retired_at      timestamptz,
  PRIMARY KEY (course_id, id)
);

CREATE TABLE enrolment (
  id           uuid PRIMARY KEY,
  account_id   uuid NOT NULL REFERENCES account (id),
  course_id    text NOT NULL REFERENCES course (id),
  enrolled_at  timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  final_score  double precision,
  UNIQUE (account_id, course_id)
);
CREATE INDEX enrolment_completed ON enrolment (account_id, completed_at);

CREATE TABLE lesson_progress (
  enrolment_id    uuid NOT NULL REFERENCES enrolment (id),
  lesson_id       text NOT NULL,
  started_at      timestamptz NOT NULL DEFAULT now(),
  completed_at    timestamptz,
  seconds_watched int NOT NULL DEFAULT 0,
  best_score      double precision,
  PRIMARY KEY (enrolment_id, lesson_id)
);

-- A quiz or final assessment as drawn and as answered; retakes are new rows, the best counts.
CREATE TABLE quiz_attempt (
  id           uuid PRIMARY KEY,
  enrolment_id uuid NOT NULL REFERENCES enrolment (id),
  -- a lesson id, or 'final' for the final assessment
  lesson_id    text NOT NULL,
  questions    jsonb NOT NULL,
  answers      jsonb,
  score        double precision,
  passed       boolean,
  started_at   timestamptz NOT NULL DEFAULT now(),
  submitted_at timestamptz
);
CREATE INDEX quiz_attempt_enrolment ON quiz_attempt (enrolment_id, lesson_id);

CREATE TABLE certificate (
  code          text PRIMARY KEY,
  account_id    uuid NOT NULL REFERENCES account (id),
  course_id     text NOT NULL REFERENCES course (id),
  kind          text NOT NULL CHECK (kind IN ('COMPLETION', 'POST_ENTRY')),
  holder_name   text NOT NULL,
  course_title  text NOT NULL,
  credit_hours  double precision NOT NULL,
  issuing_unit  text NOT NULL,
  issued_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, course_id)
);

CREATE TABLE course_assignment (
  id          uuid PRIMARY KEY,
  course_id   text NOT NULL REFERENCES course (id),
  assigned_by uuid NOT NULL REFERENCES account (id),
  -- one worker, everyone in an org unit, or everyone in an org unit matching the course's audience
  account_id  uuid REFERENCES account (id),
  org_unit_id uuid REFERENCES org_unit (id),
  audience_only boolean NOT NULL DEFAULT false,
  due_date    date NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (account_id IS NOT NULL OR org_unit_id IS NOT NULL)
);
