-- The case library. A case keeps every revision; readers see the published one. Edits of a
-- published case make a new revision that goes live only when approved.
CREATE TABLE case_study (
  id                 text PRIMARY KEY,
  -- the org unit the case belongs to (its region); reviewers act for this unit or above
  org_unit_id        uuid REFERENCES org_unit (id),
  author_id          uuid REFERENCES account (id),
  source             text NOT NULL CHECK (source IN ('FILES', 'EDITOR')),
  published_revision int,
  retracted_at       timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_study_updated ON case_study (updated_at);

CREATE TABLE case_revision (
  case_id            text NOT NULL REFERENCES case_study (id),
  revision           int NOT NULL,
  status             text NOT NULL CHECK (status IN ('DRAFT', 'SUBMITTED', 'RETURNED', 'PUBLISHED', 'SUPERSEDED')),
  title              text NOT NULL,
  summary            text NOT NULL,
  body               text NOT NULL,
  topics             text[] NOT NULL,
  methods            text[] NOT NULL,
  community_type     text,
  region_name        text,
  year               int,
  author_name        text NOT NULL DEFAULT '',
  tags               text[] NOT NULL DEFAULT '{}',
  -- the author confirmed that what the privacy check flagged is fictional
  privacy_confirmed  boolean NOT NULL DEFAULT false,
  content_hash       text,
  created_by         uuid REFERENCES account (id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, revision)
);

-- Every step of the review, with who and when.
CREATE TABLE case_review_event (
  id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id  text NOT NULL REFERENCES case_study (id),
  revision int NOT NULL,
  action   text NOT NULL CHECK (action IN ('SUBMIT', 'APPROVE', 'RETURN', 'RETRACT', 'SYNC')),
  actor_id uuid REFERENCES account (id),
  comment  text,
  at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_review_event_case ON case_review_event (case_id, at);

-- Attachments live in PostgreSQL so that every node can serve them.
CREATE TABLE case_attachment (
  id           uuid PRIMARY KEY,
  case_id      text NOT NULL REFERENCES case_study (id),
  revision     int NOT NULL,
  file_name    text NOT NULL,
  content_type text NOT NULL,
  size         int NOT NULL,
  data         bytea NOT NULL,
  created_by   uuid REFERENCES account (id),
  created_at   timestamptz NOT NULL DEFAULT now()
);
