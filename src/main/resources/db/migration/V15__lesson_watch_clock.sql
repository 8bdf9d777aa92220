-- Time watched of a video lesson counts at most the wall-clock time since the lesson was opened
-- or since the last counted report: the server's clock per enrolment and lesson. NULL: not opened.
ALTER TABLE lesson_progress ADD COLUMN watch_clock timestamptz;
