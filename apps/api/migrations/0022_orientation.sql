-- Pre-departure orientation (issue 6 §7): one e-learning course per destination country that has a contract
-- template, owned by the HQ training department and published through the same approval rule as every course
-- (courses_published_approved). A worker's completion is recorded beside their contract (never inside the
-- payload both ministries signed) so that overseas-employment officers see who completed it.

-- An orientation course trains for no single occupation: it is the only kind of course without an ISCO code.
ALTER TABLE courses ALTER COLUMN isco DROP NOT NULL;
ALTER TABLE courses ADD COLUMN orientation_country text REFERENCES countries(iso2);
ALTER TABLE courses ADD CONSTRAINT courses_isco_or_orientation CHECK (isco IS NOT NULL OR orientation_country IS NOT NULL);
COMMENT ON COLUMN courses.orientation_country IS 'ISO 3166-1 alpha-2 destination of a pre-departure orientation course (0022); NULL for vocational courses, which must have an ISCO code.';

CREATE TABLE orientation_courses (
  course_id uuid PRIMARY KEY REFERENCES courses(id),
  country text NOT NULL REFERENCES countries(iso2),
  content_version text NOT NULL,
  content_sha256 text NOT NULL,
  seeded_at timestamptz NOT NULL,
  retired_at timestamptz,
  UNIQUE (country, content_version),
  UNIQUE (course_id, country)
);
-- One current course per country; an older content version is retired (its completions still count).
CREATE UNIQUE INDEX orientation_courses_current ON orientation_courses (country) WHERE retired_at IS NULL;
COMMENT ON TABLE orientation_courses IS 'Pre-departure orientation courses seeded from apps/api/data/elearning/orientation/<country>.json, one content version per row.';
COMMENT ON COLUMN orientation_courses.content_version IS 'The data file''s version; a new version seeds a new course and retires the previous one.';
COMMENT ON COLUMN orientation_courses.content_sha256 IS 'Hex SHA-256 of the data the course was built from (common.json + the country file), for the audit trail.';

CREATE TABLE contract_orientations (
  contract_id uuid PRIMARY KEY,
  version integer NOT NULL,
  citizen_id uuid NOT NULL REFERENCES citizens(id),
  country text NOT NULL REFERENCES countries(iso2),
  course_id uuid NOT NULL,
  enrolment_id uuid NOT NULL REFERENCES enrolments(id),
  certificate_code text NOT NULL REFERENCES issued_documents(code),
  completed_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL,
  FOREIGN KEY (contract_id, version) REFERENCES received_contracts(id, version),
  -- Only an orientation course of the contract's destination can be recorded.
  FOREIGN KEY (course_id, country) REFERENCES orientation_courses(course_id, country)
);
CREATE INDEX contract_orientations_citizen_idx ON contract_orientations (citizen_id);
CREATE INDEX contract_orientations_country_idx ON contract_orientations (country, completed_at DESC);
COMMENT ON TABLE contract_orientations IS 'The worker completed the destination''s pre-departure orientation: recorded once per contract (all its versions), beside the signed payload. Personal data.';
COMMENT ON COLUMN contract_orientations.version IS 'The contract version (offered or concluded) that was current when the completion was recorded.';
COMMENT ON COLUMN contract_orientations.certificate_code IS 'Verification code of the orientation''s training certificate (issued_documents, kind training_certificate).';
COMMENT ON COLUMN contract_orientations.completed_at IS 'When the worker completed the orientation course (enrolments.completed_at); may precede the contract.';
