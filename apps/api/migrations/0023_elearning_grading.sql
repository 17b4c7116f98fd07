-- Vocational e-learning, more (issue 6 §2, §3): free-text quiz questions graded by the course's trainer
-- or centre, and enrolment of a trainee by their training centre. The reports (§9) read these tables and
-- the virtual-classroom bookings (0021) without tables of their own.

-- A free-text question: spec {freeText: true, maxLength, maxPoints, guidance}; graded by hand.
ALTER TABLE quiz_questions DROP CONSTRAINT quiz_questions_type_check;
ALTER TABLE quiz_questions ADD CONSTRAINT quiz_questions_type_check
  CHECK (type IN ('single_choice', 'multiple_choice', 'true_false', 'short_answer', 'matching', 'free_text'));

-- An attempt with free-text answers is 'awaiting_grading' from submission until the grader finalises it
-- ('graded', with score and pass); score_percent and passed stay NULL while it waits.
ALTER TABLE quiz_attempts DROP CONSTRAINT quiz_attempts_status_check;
ALTER TABLE quiz_attempts ADD CONSTRAINT quiz_attempts_status_check
  CHECK (status IN ('open', 'awaiting_grading', 'graded', 'expired'));
ALTER TABLE quiz_attempts ADD COLUMN graded_by uuid REFERENCES staff(id);
ALTER TABLE quiz_attempts ADD COLUMN graded_at timestamptz;
ALTER TABLE quiz_attempts ADD CONSTRAINT quiz_attempts_waiting_unscored
  CHECK (status <> 'awaiting_grading' OR (submitted_at IS NOT NULL AND score_percent IS NULL AND passed IS NULL));
ALTER TABLE quiz_attempts ADD CONSTRAINT quiz_attempts_grader_pair
  CHECK ((graded_by IS NULL) = (graded_at IS NULL));
-- The grading queue: attempts waiting, oldest first.
CREATE INDEX quiz_attempts_awaiting_idx ON quiz_attempts (submitted_at) WHERE status = 'awaiting_grading';
COMMENT ON COLUMN quiz_attempts.graded_by IS 'Trainer or centre manager who graded the free-text answers (NULL for attempts graded automatically only).';
COMMENT ON COLUMN quiz_attempts.graded_at IS 'When the grader finalised the attempt (score and pass set then).';

CREATE TABLE quiz_answer_grades (
  attempt_id uuid NOT NULL REFERENCES quiz_attempts(id),
  question_id uuid NOT NULL REFERENCES quiz_questions(id),
  points smallint NOT NULL CHECK (points >= 0),
  max_points smallint NOT NULL CHECK (max_points BETWEEN 1 AND 100),
  feedback text NOT NULL,
  graded_by uuid NOT NULL REFERENCES staff(id),
  graded_at timestamptz NOT NULL,
  PRIMARY KEY (attempt_id, question_id),
  CHECK (points <= max_points)
);
COMMENT ON TABLE quiz_answer_grades IS 'The grader''s points and feedback for each free-text answer of an attempt; written once, with the attempt''s finalisation. Personal data (about the trainee).';
COMMENT ON COLUMN quiz_answer_grades.max_points IS 'The question''s maximum points when graded (copied: the share of the score is points / max_points).';
COMMENT ON COLUMN quiz_answer_grades.feedback IS 'Shown to the trainee with the result; may be empty.';

-- Enrolment by a centre: who enrolled the trainee (NULL = the trainee enrolled themselves).
ALTER TABLE enrolments ADD COLUMN enrolled_by uuid REFERENCES staff(id);
COMMENT ON COLUMN enrolments.enrolled_by IS 'Training-centre manager who enrolled the trainee by their mobile or email; NULL for self-enrolment.';
-- Reports group enrolments by course and date.
CREATE INDEX enrolments_course_idx ON enrolments (course_id, enrolled_at);
