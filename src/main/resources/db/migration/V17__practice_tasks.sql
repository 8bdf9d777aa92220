-- Practice tasks (实践任务): a lesson kind whose brief is in course_lesson.body, done in the
-- community and signed off by a supervisor.
ALTER TABLE course_lesson DROP CONSTRAINT course_lesson_kind_check;
ALTER TABLE course_lesson ADD CONSTRAINT course_lesson_kind_check
  CHECK (kind IN ('READING', 'VIDEO', 'CASE', 'QUIZ', 'TASK'));

-- A worker's report on a practice task, one per enrolment and task. The draft is what the worker
-- last typed; every hand-in and every decision is a step of its own (task_report_step), so nothing
-- handed in is ever overwritten.
CREATE TABLE task_report (
  id             uuid PRIMARY KEY,
  enrolment_id   uuid NOT NULL REFERENCES enrolment (id),
  course_id      text NOT NULL,
  lesson_id      text NOT NULL,
  account_id     uuid NOT NULL REFERENCES account (id),
  status         text NOT NULL CHECK (status IN ('DRAFT', 'SUBMITTED', 'RETURNED', 'SIGNED_OFF')),
  draft          text NOT NULL DEFAULT '',
  draft_saved_at timestamptz,
  -- As of the last hand-in: the worker's org unit, whose supervisors decide, and the names the
  -- supervisors' queue shows (courses read no other feature's tables).
  org_unit_id    uuid REFERENCES org_unit (id),
  worker_name    text NOT NULL,
  unit_name      text NOT NULL DEFAULT '',
  hand_ins       int NOT NULL DEFAULT 0,
  submitted_at   timestamptz,
  decided_at     timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (enrolment_id, lesson_id),
  FOREIGN KEY (course_id, lesson_id) REFERENCES course_lesson (course_id, id),
  CHECK (status = 'DRAFT' OR (hand_ins > 0 AND submitted_at IS NOT NULL AND org_unit_id IS NOT NULL))
);
-- The supervisors' queue: reports waiting, newest first, within a scope of units.
CREATE INDEX task_report_waiting ON task_report (org_unit_id, submitted_at DESC) WHERE status = 'SUBMITTED';

-- The history of a report: each hand-in with the text as handed in, each decision with its feedback.
CREATE TABLE task_report_step (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  report_id  uuid NOT NULL REFERENCES task_report (id),
  action     text NOT NULL CHECK (action IN ('HAND_IN', 'RETURN', 'SIGN_OFF')),
  -- the hand-in the step belongs to (1, 2, …)
  hand_in    int NOT NULL CHECK (hand_in > 0),
  actor_id   uuid NOT NULL REFERENCES account (id),
  actor_name text NOT NULL,
  -- the report as handed in, or the supervisor's feedback ('' when a sign-off has none)
  body       text NOT NULL,
  at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX task_report_step_report ON task_report_step (report_id, id);
