-- xAPI-shaped learning statements. Append-only: the record of what people did is never rewritten.
CREATE TABLE learning_event (
  id                 uuid PRIMARY KEY,
  actor_id           uuid NOT NULL REFERENCES account (id),
  verb               text NOT NULL,
  object_id          text NOT NULL,
  object_type        text NOT NULL,
  result_score       double precision,
  result_success     boolean,
  result_duration_ms bigint,
  context            jsonb NOT NULL DEFAULT '{}'::jsonb,
  occurred_at        timestamptz NOT NULL,
  stored_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX learning_event_actor ON learning_event (actor_id, occurred_at);
CREATE INDEX learning_event_object ON learning_event (object_type, object_id);

CREATE FUNCTION learning_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'learning_event is append-only';
END;
$$;
CREATE TRIGGER learning_event_no_update BEFORE UPDATE OR DELETE ON learning_event
  FOR EACH ROW EXECUTE FUNCTION learning_event_is_append_only();
