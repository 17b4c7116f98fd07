-- Quiz submissions recorded in the attempt row, written once (issue 6 target: 1,000 concurrent quiz
-- submissions). A trainee's submission is not appended to the hash-chained audit log any more (that log
-- is serialised by one row lock, audit_head); the attempt row itself is the record: who (citizen_id),
-- when (submitted_at), what (answers) and the result (status, score_percent, passed). This trigger makes
-- that record tamper-resistant the way audit_log's triggers make the log append-only: the attempt's
-- identity never changes, and once the attempt has left 'open' its submission and result are final.
-- The one later change allowed is the trainer's grading of free-text answers ('awaiting_grading' →
-- 'graded', 0023), which keeps the answers and the submission time and is itself audited in the chain.
-- What a pass confers (course completion and the certificate, with its score) stays in the chain.
CREATE FUNCTION quiz_attempts_write_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'open' THEN
      RAISE EXCEPTION 'quiz attempt % was submitted: it cannot be deleted', OLD.id USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
  END IF;
  IF NEW.id <> OLD.id OR NEW.enrolment_id <> OLD.enrolment_id OR NEW.citizen_id <> OLD.citizen_id OR NEW.attempt_no <> OLD.attempt_no
     OR NEW.question_ids <> OLD.question_ids OR NEW.started_at <> OLD.started_at OR NEW.deadline_at <> OLD.deadline_at THEN
    RAISE EXCEPTION 'quiz attempt %: its identity, questions and deadline never change', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.status = 'open' THEN
    RETURN NEW;
  END IF;
  IF OLD.status = 'awaiting_grading' AND NEW.status = 'graded'
     AND NEW.submitted_at IS NOT DISTINCT FROM OLD.submitted_at AND NEW.answers IS NOT DISTINCT FROM OLD.answers THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'quiz attempt % is %: its submission and result are written once', OLD.id, OLD.status USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER quiz_attempts_write_once BEFORE UPDATE OR DELETE ON quiz_attempts
  FOR EACH ROW EXECUTE FUNCTION quiz_attempts_write_once();
COMMENT ON FUNCTION quiz_attempts_write_once() IS 'Quiz attempts: identity fixed; submission and result written once (open → graded | expired | awaiting_grading; awaiting_grading → graded by the trainer).';
COMMENT ON COLUMN quiz_attempts.submitted_at IS 'When the trainee submitted (the record of the submission; written once, see quiz_attempts_write_once).';

-- Legacy register imports (issue 5 target: 100,000 rows at ≥ 0.2 × a plain COPY). An imported row often has
-- no citizen account yet (citizen_id NULL) and never an application (application_id NULL). A unique index
-- never compares NULLs, so leaving them out changes no rule (one active registration per account; one
-- registration per application) and spares every imported row two index entries. Lookups by a value
-- (citizen_id = …, application_id = …) still use these indexes.
DROP INDEX employment_registrations_one_active;
CREATE UNIQUE INDEX employment_registrations_one_active ON employment_registrations (citizen_id) WHERE status = 'active' AND citizen_id IS NOT NULL;
ALTER TABLE employment_registrations DROP CONSTRAINT employment_registrations_application_id_key;
CREATE UNIQUE INDEX employment_registrations_application_id_key ON employment_registrations (application_id) WHERE application_id IS NOT NULL;
