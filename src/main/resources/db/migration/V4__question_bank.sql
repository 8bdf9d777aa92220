-- The question bank. Shipped questions (source BANK) are synced from question-bank/ by their
-- stable key; trainers' uploads and edits belong to a category of their org unit.
CREATE TABLE question_category (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  path        text[] NOT NULL CHECK (cardinality(path) > 0),
  -- null for the shipped bank, which every org unit sees
  org_unit_id uuid REFERENCES org_unit (id),
  description text,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX question_category_path
  ON question_category (coalesce(org_unit_id, '00000000-0000-0000-0000-000000000000'::uuid), path);

CREATE TABLE question (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- [id:…] of a shipped question; a generated key for uploaded ones
  stable_key   text NOT NULL UNIQUE,
  category_id  uuid NOT NULL REFERENCES question_category (id),
  type         text NOT NULL CHECK (type IN ('SINGLE_CHOICE', 'MULTIPLE_CHOICE', 'TRUE_FALSE', 'SHORT_ANSWER',
                                            'MATCHING', 'NUMERICAL', 'ESSAY', 'CASE_ANALYSIS', 'DESCRIPTION')),
  -- chapter number within its paper (first word of the third category level), for blueprints and mastery
  chapter      text,
  name         text NOT NULL,
  body         jsonb NOT NULL,
  tags         text[] NOT NULL DEFAULT '{}',
  content_hash text NOT NULL,
  revision     int NOT NULL DEFAULT 1,
  source       text NOT NULL CHECK (source IN ('BANK', 'UPLOAD', 'EDITOR')),
  created_by   uuid REFERENCES account (id),
  retired_at   timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX question_category_idx ON question (category_id) WHERE retired_at IS NULL;
CREATE INDEX question_tags ON question USING gin (tags);

-- Every earlier version of a question, so past attempts are shown and scored as they were.
CREATE TABLE question_revision (
  question_id uuid NOT NULL REFERENCES question (id),
  revision    int NOT NULL,
  body        jsonb NOT NULL,
  tags        text[] NOT NULL,
  changed_by  uuid REFERENCES account (id),
  changed_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (question_id, revision)
);
