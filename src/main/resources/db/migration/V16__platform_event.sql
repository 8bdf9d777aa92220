-- The cross-node event channel (platform.events.EventChannel). Every event is stored, so that a
-- node whose listening connection was down reads what it missed; the NOTIFY only says "now".
-- Ids come from the one row of platform_event_head, taken under its row lock until the
-- publishing transaction ends: ids are dense (a rolled-back publish gives its id back) and
-- commit in id order, so "everything after the last id I delivered" is exact and a gap in the
-- ids a node hears means it missed something.
CREATE TABLE platform_event_head (
  one     boolean PRIMARY KEY DEFAULT true CHECK (one),
  last_id bigint NOT NULL
);
INSERT INTO platform_event_head (last_id) VALUES (0);

CREATE TABLE platform_event (
  id         bigint PRIMARY KEY,
  topic      text NOT NULL,
  payload    jsonb NOT NULL,
  origin     uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- Old events are purged by age.
CREATE INDEX platform_event_created_at ON platform_event (created_at);
