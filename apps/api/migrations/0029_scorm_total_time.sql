-- SCORM 1.2 lessons, second step (issue 6 §1): cmi.core.total_time, and packages with several SCOs.
--
-- Several SCOs. A package's default organization may list several SCOs (items referencing SCO resources);
-- they are kept in delivery order in scorm_scos, and each SCO has its own run-time data (SCORM 1.2 gives each
-- SCO its own cmi data model), so scorm_runtime is keyed by the SCO's position too. The lesson completes
-- when every SCO has reported passed or completed. Packages from before 0029 get their one SCO (position 0)
-- from scorm_packages.launch_href, and their run-time rows are that SCO's.
--
-- Total time. The SCO writes cmi.core.session_time (the time of the current session, CMITimespan); the LMS
-- accumulates it into cmi.core.total_time, which the SCO reads back at its next launch. A session is one
-- launch (one launch token). A SCO may commit many times in a session, each time reporting the session's time
-- so far, so each launch's last reported time is kept in scorm_sessions and the total moves by the
-- difference: repeated commits of one launch never add twice, and two launches committing in turn (two tabs)
-- each count once.

CREATE TABLE scorm_scos (
  package_id uuid NOT NULL REFERENCES scorm_packages(id) ON DELETE CASCADE,
  position smallint NOT NULL CHECK (position BETWEEN 0 AND 99),
  identifier text NOT NULL CHECK (char_length(identifier) <= 255),
  title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
  launch_href text NOT NULL CHECK (char_length(launch_href) BETWEEN 1 AND 1000),
  PRIMARY KEY (package_id, position)
);
COMMENT ON TABLE scorm_scos IS 'The SCOs of a SCORM package in the default organization''s order (items depth-first), at most 100. Deleted with the package.';
COMMENT ON COLUMN scorm_scos.position IS '0-based place in delivery order; 0 is the SCO launched first (scorm_packages.launch_href).';
COMMENT ON COLUMN scorm_scos.identifier IS 'The item''s identifier in imsmanifest.xml ("" when the item has none, and for packages from before 0029).';
COMMENT ON COLUMN scorm_scos.title IS 'The item''s title, else the organization''s.';
COMMENT ON COLUMN scorm_scos.launch_href IS 'Launch file of the SCO, relative to the package root, with its query string if the manifest gives one.';
INSERT INTO scorm_scos (package_id, position, identifier, title, launch_href) SELECT id, 0, '', title, launch_href FROM scorm_packages;

ALTER TABLE scorm_runtime ADD COLUMN sco smallint NOT NULL DEFAULT 0 CHECK (sco BETWEEN 0 AND 99);
COMMENT ON COLUMN scorm_runtime.sco IS 'Position of the SCO (scorm_scos.position) whose data this is; rows from before 0029 are the first SCO''s (0).';
ALTER TABLE scorm_runtime DROP CONSTRAINT scorm_runtime_pkey;
ALTER TABLE scorm_runtime ADD PRIMARY KEY (enrolment_id, lesson_id, sco);

ALTER TABLE scorm_runtime ADD COLUMN total_time_cs bigint NOT NULL DEFAULT 0 CHECK (total_time_cs >= 0);
COMMENT ON COLUMN scorm_runtime.total_time_cs IS 'cmi.core.total_time of this SCO in centiseconds: the sum of its scorm_sessions.session_time_cs, kept here so a launch reads one row. Rows from before 0029 start at 0.';

CREATE TABLE scorm_sessions (
  enrolment_id uuid NOT NULL,
  lesson_id uuid NOT NULL,
  sco smallint NOT NULL,
  launch_key text NOT NULL CHECK (char_length(launch_key) = 22),
  session_time_cs bigint NOT NULL CHECK (session_time_cs BETWEEN 0 AND 3599999999),
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (enrolment_id, lesson_id, sco, launch_key),
  FOREIGN KEY (enrolment_id, lesson_id, sco) REFERENCES scorm_runtime(enrolment_id, lesson_id, sco) ON DELETE CASCADE
);
COMMENT ON TABLE scorm_sessions IS 'One row per launch of a SCO by a trainee that reported a session time: the last cmi.core.session_time the SCO committed in that launch. Personal data (study time).';
COMMENT ON COLUMN scorm_sessions.launch_key IS 'The launch token''s MAC (base64url, 128 bits): identifies the launch without storing the token. The token carries its expiry to the millisecond, so every launch has its own key.';
COMMENT ON COLUMN scorm_sessions.session_time_cs IS 'cmi.core.session_time in centiseconds, as last committed in this launch (at most 9999:59:59.99).';
