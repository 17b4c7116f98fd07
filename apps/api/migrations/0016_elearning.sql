-- Vocational e-learning (issue 6, core): training centres and their staff, courses (modules, lessons,
-- uploaded files, prerequisites) with an HQ approval before publication, enrolments with per-lesson
-- progress, quiz question banks and timed attempts. Completion issues a signed training certificate
-- (issued_documents, kind training_certificate) and a worker_certificates row (source 'elearning').

CREATE TABLE training_centres (
  id uuid PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name_ar text NOT NULL,
  name_en text NOT NULL,
  governorate_code text NOT NULL REFERENCES governorates(code),
  demo boolean NOT NULL DEFAULT false,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL
);
COMMENT ON TABLE training_centres IS 'Vocational training centres whose trainers author courses; a centre scopes trainers and centre managers.';
COMMENT ON COLUMN training_centres.demo IS 'True for the demo centres seeded in demo mode (not real institutions: shown as demo data).';
COMMENT ON COLUMN training_centres.governorate_code IS 'Governorate (national ID code) where the centre sits.';

-- Training staff: trainers and centre managers belong to a centre; the HQ training department to none.
ALTER TABLE staff ADD COLUMN training_centre_id uuid REFERENCES training_centres(id);
COMMENT ON COLUMN staff.training_centre_id IS 'Centre of a trainer or training-centre manager; NULL for every other role.';
ALTER TABLE staff DROP CONSTRAINT staff_role_check;
ALTER TABLE staff ADD CONSTRAINT staff_role_check
  CHECK (role IN ('clerk', 'office_head', 'directorate_manager', 'hq_admin', 'auditor', 'overseas_officer', 'trainer', 'training_centre_manager', 'training_hq'));
ALTER TABLE staff DROP CONSTRAINT staff_scope;
ALTER TABLE staff ADD CONSTRAINT staff_scope CHECK (
  (role IN ('clerk', 'office_head') AND office_id IS NOT NULL AND directorate_code IS NULL AND training_centre_id IS NULL) OR
  (role = 'directorate_manager' AND office_id IS NULL AND directorate_code IS NOT NULL AND training_centre_id IS NULL) OR
  (role IN ('hq_admin', 'auditor', 'overseas_officer', 'training_hq') AND office_id IS NULL AND directorate_code IS NULL AND training_centre_id IS NULL) OR
  (role IN ('trainer', 'training_centre_manager') AND office_id IS NULL AND directorate_code IS NULL AND training_centre_id IS NOT NULL)
);

CREATE TABLE courses (
  id uuid PRIMARY KEY,
  centre_id uuid NOT NULL REFERENCES training_centres(id),
  title_ar text NOT NULL,
  title_en text NOT NULL,
  description_ar text NOT NULL,
  description_en text NOT NULL,
  isco text NOT NULL REFERENCES occupations(code),
  skill_level text CHECK (skill_level IN ('assistant_worker', 'semi_skilled', 'skilled', 'technician', 'specialised_technician')),
  status text NOT NULL CHECK (status IN ('draft', 'submitted', 'published', 'returned')),
  return_reason text,
  quiz_question_count smallint NOT NULL CHECK (quiz_question_count BETWEEN 1 AND 50),
  quiz_time_limit_seconds integer NOT NULL CHECK (quiz_time_limit_seconds BETWEEN 60 AND 14400),
  quiz_max_attempts smallint NOT NULL CHECK (quiz_max_attempts BETWEEN 1 AND 20),
  quiz_pass_percent smallint NOT NULL CHECK (quiz_pass_percent BETWEEN 1 AND 100),
  created_by uuid NOT NULL REFERENCES staff(id),
  submitted_by uuid REFERENCES staff(id),
  submitted_at timestamptz,
  approved_by uuid REFERENCES staff(id),
  published_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  -- A course is published only with the HQ training department's approval on record.
  CONSTRAINT courses_published_approved CHECK (status <> 'published' OR (approved_by IS NOT NULL AND published_at IS NOT NULL)),
  CONSTRAINT courses_returned_reason CHECK (status <> 'returned' OR return_reason IS NOT NULL)
);
CREATE INDEX courses_catalogue_idx ON courses (status, isco, centre_id);
CREATE INDEX courses_centre_idx ON courses (centre_id, updated_at DESC);
COMMENT ON TABLE courses IS 'Vocational courses: draft -> submitted (centre manager) -> published (HQ training department) or returned with a reason.';
COMMENT ON COLUMN courses.isco IS 'ISCO-08 unit group (4 digits) the course trains for.';
COMMENT ON COLUMN courses.skill_level IS 'Skill-level test (Egyptian skill-level measurement) the course prepares for; NULL when none.';
COMMENT ON COLUMN courses.return_reason IS 'Why HQ returned the course to its centre (shown to the trainer); kept until the next submission.';
COMMENT ON COLUMN courses.quiz_question_count IS 'Questions drawn at random from the bank for each attempt (fewer when the bank is smaller).';
COMMENT ON COLUMN courses.quiz_time_limit_seconds IS 'Time limit of an attempt in seconds, enforced by the server.';
COMMENT ON COLUMN courses.quiz_pass_percent IS 'Pass mark: score in percent (0-100) at or above which an attempt passes.';
COMMENT ON COLUMN courses.approved_by IS 'The training_hq staff member who approved publication.';

CREATE TABLE course_prerequisites (
  course_id uuid NOT NULL REFERENCES courses(id),
  prerequisite_id uuid NOT NULL REFERENCES courses(id),
  PRIMARY KEY (course_id, prerequisite_id),
  CHECK (course_id <> prerequisite_id)
);
COMMENT ON TABLE course_prerequisites IS 'Courses a trainee must have completed before enrolling in course_id.';

CREATE TABLE course_modules (
  id uuid PRIMARY KEY,
  course_id uuid NOT NULL REFERENCES courses(id),
  position smallint NOT NULL,
  title_ar text NOT NULL,
  title_en text NOT NULL,
  UNIQUE (course_id, position)
);
COMMENT ON TABLE course_modules IS 'Ordered parts of a course, each holding lessons.';

CREATE TABLE lesson_files (
  id uuid PRIMARY KEY,
  media_type text NOT NULL CHECK (media_type IN ('application/pdf', 'video/mp4', 'video/webm')),
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  sha256 text NOT NULL,
  created_by uuid NOT NULL REFERENCES staff(id),
  created_at timestamptz NOT NULL
);
COMMENT ON TABLE lesson_files IS 'Uploaded lesson media, stored on disk at DATA_DIR/<country>/elearning/<id>; the type is sniffed from magic bytes, never taken from the client.';
COMMENT ON COLUMN lesson_files.sha256 IS 'Hex SHA-256 of the file (ETag base).';

CREATE TABLE lessons (
  id uuid PRIMARY KEY,
  course_id uuid NOT NULL REFERENCES courses(id),
  module_id uuid NOT NULL REFERENCES course_modules(id),
  position smallint NOT NULL,
  title_ar text NOT NULL,
  title_en text NOT NULL,
  body_ar text NOT NULL,
  body_en text NOT NULL,
  video_url text,
  file_id uuid REFERENCES lesson_files(id),
  UNIQUE (module_id, position)
);
CREATE INDEX lessons_course_idx ON lessons (course_id);
COMMENT ON COLUMN lessons.body_ar IS 'Lesson text in a small markdown subset (# headings, - lists, paragraphs); never HTML: rendered as plain text blocks.';
COMMENT ON COLUMN lessons.video_url IS 'External https video link (shown as a link, never embedded).';
COMMENT ON COLUMN lessons.file_id IS 'Uploaded PDF or video of the lesson, served with HTTP range requests (RFC 9110 §14).';

CREATE TABLE quiz_questions (
  id uuid PRIMARY KEY,
  course_id uuid NOT NULL REFERENCES courses(id),
  type text NOT NULL CHECK (type IN ('single_choice', 'multiple_choice', 'true_false', 'short_answer', 'matching')),
  prompt_ar text NOT NULL,
  prompt_en text NOT NULL,
  spec jsonb NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX quiz_questions_course_idx ON quiz_questions (course_id);
COMMENT ON TABLE quiz_questions IS 'Question bank of a course; each attempt draws questions at random.';
COMMENT ON COLUMN quiz_questions.spec IS 'Options and correct answer by type (contracts QuestionSpec); the answer part never leaves the staff API.';

CREATE TABLE enrolments (
  id uuid PRIMARY KEY,
  course_id uuid NOT NULL REFERENCES courses(id),
  citizen_id uuid NOT NULL REFERENCES citizens(id),
  enrolled_at timestamptz NOT NULL,
  completed_at timestamptz,
  final_score smallint CHECK (final_score BETWEEN 0 AND 100),
  certificate_code text,
  UNIQUE (course_id, citizen_id)
);
CREATE INDEX enrolments_citizen_idx ON enrolments (citizen_id, enrolled_at DESC);
COMMENT ON TABLE enrolments IS 'A trainee (citizen) in a course. Personal data.';
COMMENT ON COLUMN enrolments.final_score IS 'Best passing quiz score (percent) when the course was completed.';
COMMENT ON COLUMN enrolments.certificate_code IS 'Verification code of the training certificate (issued_documents.code).';

CREATE TABLE lesson_completions (
  enrolment_id uuid NOT NULL REFERENCES enrolments(id),
  lesson_id uuid NOT NULL REFERENCES lessons(id),
  completed_at timestamptz NOT NULL,
  PRIMARY KEY (enrolment_id, lesson_id)
);
COMMENT ON TABLE lesson_completions IS 'Lessons a trainee marked complete; marking twice (e.g. synced after being offline) keeps the first.';

CREATE TABLE quiz_attempts (
  id uuid PRIMARY KEY,
  enrolment_id uuid NOT NULL REFERENCES enrolments(id),
  citizen_id uuid NOT NULL REFERENCES citizens(id),
  attempt_no smallint NOT NULL,
  question_ids jsonb NOT NULL,
  started_at timestamptz NOT NULL,
  deadline_at timestamptz NOT NULL,
  submitted_at timestamptz,
  status text NOT NULL CHECK (status IN ('open', 'graded', 'expired')),
  answers jsonb,
  score_percent smallint CHECK (score_percent BETWEEN 0 AND 100),
  passed boolean,
  UNIQUE (enrolment_id, attempt_no)
);
COMMENT ON TABLE quiz_attempts IS 'Quiz attempts; graded once under a row lock (a second submission is refused). Personal data.';
COMMENT ON COLUMN quiz_attempts.question_ids IS 'The questions drawn for this attempt, in the order shown.';
COMMENT ON COLUMN quiz_attempts.deadline_at IS 'started_at + the course time limit; answers submitted later are refused and the attempt expires.';
COMMENT ON COLUMN quiz_attempts.status IS 'open (in progress), graded (submitted in time), expired (deadline passed without a valid submission; counts as an attempt).';
