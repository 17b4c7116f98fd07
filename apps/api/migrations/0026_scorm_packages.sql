-- SCORM 1.2 packages as lesson content (issue 6 §1). A trainer uploads a package (.zip); it is checked
-- (zip, imsmanifest.xml, SCORM 1.2, first SCO, safe paths, size and entry limits) and its files are stored
-- one by one through the upload store (local disk or S3, keys are server-chosen UUIDs). The lesson page
-- runs the first SCO in a sandboxed iframe; what the SCO commits is saved per trainee and lesson.

CREATE TABLE scorm_packages (
  id uuid PRIMARY KEY,
  lesson_id uuid NOT NULL UNIQUE REFERENCES lessons(id) ON DELETE CASCADE,
  title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
  launch_href text NOT NULL CHECK (char_length(launch_href) BETWEEN 1 AND 1000),
  file_count integer NOT NULL CHECK (file_count > 0),
  size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
  sha256 text NOT NULL,
  created_by uuid NOT NULL REFERENCES staff(id),
  created_at timestamptz NOT NULL
);
COMMENT ON TABLE scorm_packages IS 'The SCORM 1.2 package of a lesson (at most one; a new upload replaces it while the course is editable). Deleted with its lesson.';
COMMENT ON COLUMN scorm_packages.title IS 'Title of the default organization in imsmanifest.xml (else of the SCO item), as the package states it.';
COMMENT ON COLUMN scorm_packages.launch_href IS 'Launch file of the first SCO, relative to the package root, with its query string if the manifest gives one (e.g. index.html?lang=ar).';
COMMENT ON COLUMN scorm_packages.size_bytes IS 'Sum of the uncompressed sizes of the stored files, in bytes.';
COMMENT ON COLUMN scorm_packages.sha256 IS 'Hex SHA-256 of the uploaded .zip.';

CREATE TABLE scorm_package_files (
  package_id uuid NOT NULL REFERENCES scorm_packages(id) ON DELETE CASCADE,
  path text NOT NULL,
  storage_id uuid NOT NULL UNIQUE,
  media_type text NOT NULL,
  size_bytes integer NOT NULL CHECK (size_bytes >= 0),
  PRIMARY KEY (package_id, path)
);
COMMENT ON TABLE scorm_package_files IS 'Files of a SCORM package: only files whose extension is on the served allow list are kept.';
COMMENT ON COLUMN scorm_package_files.path IS 'Path inside the package ("/"-separated, never absolute, never with ".."), as the package''s own relative URLs name it.';
COMMENT ON COLUMN scorm_package_files.storage_id IS 'Key of the bytes in the upload store (DocumentStore): a server-chosen UUID, never the file name.';
COMMENT ON COLUMN scorm_package_files.media_type IS 'Content-Type the file is served with, from its extension (allow list in scorm-package.ts).';

CREATE TABLE scorm_runtime (
  enrolment_id uuid NOT NULL REFERENCES enrolments(id),
  lesson_id uuid NOT NULL REFERENCES lessons(id) ON DELETE CASCADE,
  lesson_status text NOT NULL CHECK (lesson_status IN ('passed', 'completed', 'failed', 'incomplete', 'browsed', 'not attempted')),
  score_raw numeric(7, 4) CHECK (score_raw BETWEEN 0 AND 100),
  lesson_location text NOT NULL CHECK (char_length(lesson_location) <= 255),
  suspend_data text NOT NULL CHECK (char_length(suspend_data) <= 4096),
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (enrolment_id, lesson_id)
);
COMMENT ON TABLE scorm_runtime IS 'SCORM 1.2 run-time data a trainee''s SCO last committed (LMSCommit/LMSFinish), loaded back when the lesson is opened again. Personal data.';
COMMENT ON COLUMN scorm_runtime.lesson_status IS 'cmi.core.lesson_status; passed or completed also marks the lesson complete (lesson_completions).';
COMMENT ON COLUMN scorm_runtime.score_raw IS 'cmi.core.score.raw (0-100); NULL when the SCO set no score.';
COMMENT ON COLUMN scorm_runtime.lesson_location IS 'cmi.core.lesson_location (CMIString255): where the SCO resumes.';
COMMENT ON COLUMN scorm_runtime.suspend_data IS 'cmi.suspend_data (CMIString4096): the SCO''s own resume state, opaque to Rabt.';
