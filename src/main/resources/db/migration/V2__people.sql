CREATE TABLE org_unit (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  parent_id  uuid REFERENCES org_unit (id),
  level      text NOT NULL CHECK (level IN ('PROVINCE', 'CITY', 'DISTRICT', 'STREET', 'COMMUNITY')),
  name       text NOT NULL CHECK (length(btrim(name)) > 0),
  -- Materialised path of ids from the root, '/'-separated and ending with '/': scope checks are a prefix match.
  path       text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX org_unit_sibling_name ON org_unit (coalesce(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), name);
CREATE INDEX org_unit_path_prefix ON org_unit (path text_pattern_ops);

CREATE TABLE account (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username             text NOT NULL,
  mobile               text,
  display_name         text NOT NULL CHECK (length(btrim(display_name)) > 0),
  password_hash        text NOT NULL,
  must_change_password boolean NOT NULL DEFAULT false,
  org_unit_id          uuid REFERENCES org_unit (id),
  active               boolean NOT NULL DEFAULT true,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX account_username ON account (lower(username));
CREATE UNIQUE INDEX account_mobile ON account (mobile) WHERE mobile IS NOT NULL;
CREATE INDEX account_org_unit ON account (org_unit_id);

CREATE TABLE account_role (
  account_id uuid NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  role       text NOT NULL CHECK (role IN ('WORKER', 'MENTOR', 'TRAINER', 'JUDGE', 'ORGANISER', 'ADMIN')),
  PRIMARY KEY (account_id, role)
);

-- Post categories and their grade ranges ("三岗十八级"); regions may change the ranges, so they are data.
CREATE TABLE post_category (
  code      text PRIMARY KEY,
  name_zh   text NOT NULL,
  grade_min int  NOT NULL,
  grade_max int  NOT NULL,
  sort      int  NOT NULL,
  CHECK (grade_min <= grade_max)
);
INSERT INTO post_category (code, name_zh, grade_min, grade_max, sort) VALUES
  ('HEAD',   '正职', 7, 18, 1),
  ('DEPUTY', '副职', 4, 15, 2),
  ('OTHER',  '其他', 1, 12, 3);

CREATE TABLE worker_profile (
  account_id            uuid PRIMARY KEY REFERENCES account (id) ON DELETE CASCADE,
  post_category         text NOT NULL REFERENCES post_category (code),
  grade                 int  NOT NULL,
  hire_date             date,
  education             text,
  qualification         text NOT NULL DEFAULT 'NONE'
                        CHECK (qualification IN ('NONE', 'ASSISTANT', 'INTERMEDIATE', 'SENIOR')),
  certificate_no        text,
  certificate_date      date,
  secretary_or_director boolean NOT NULL DEFAULT false,
  reserve_cadre         boolean NOT NULL DEFAULT false,
  updated_at            timestamptz NOT NULL DEFAULT now()
);

-- Sessions live here so that every node sees a sign-out at once. Only a hash of the cookie is stored.
CREATE TABLE web_session (
  token_hash   bytea PRIMARY KEY,
  account_id   uuid NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  address      text
);
CREATE INDEX web_session_account ON web_session (account_id);
CREATE INDEX web_session_expires ON web_session (expires_at);

CREATE TABLE sign_in_attempt (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username  text NOT NULL,
  address   text NOT NULL,
  succeeded boolean NOT NULL,
  at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sign_in_attempt_username ON sign_in_attempt (lower(username), at);
CREATE INDEX sign_in_attempt_address ON sign_in_attempt (address, at);
