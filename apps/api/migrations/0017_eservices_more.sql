-- E-services, more definitions (issue 5 §3–§5): skill-level testing (centres, sessions, bookings with
-- results), craft-practice licences (Law 14/2025 Art. 27) and work permits for foreign workers
-- (Ministerial Decree 279/2025). The rules live in apps/api/src/modules/eservices/definitions; the
-- configurable tables (fees, grades, crafts, quota exceptions) in apps/api/data/eservices/.

CREATE TABLE skill_testing_centres (
  id uuid PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name_ar text NOT NULL,
  name_en text NOT NULL,
  governorate_code text NOT NULL REFERENCES governorates(code),
  address_ar text NOT NULL,
  address_en text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL
);
COMMENT ON TABLE skill_testing_centres IS 'Testing bodies where skill-level tests are held (Law 14/2025 Art. 27: set by the minister; Decree 266/2025).';
COMMENT ON COLUMN skill_testing_centres.demo IS 'True for demo centres seeded in demo mode only (not real bodies).';

CREATE TABLE skill_test_sessions (
  id uuid PRIMARY KEY,
  centre_id uuid NOT NULL REFERENCES skill_testing_centres(id),
  session_date date NOT NULL,
  capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 1000),
  isco_codes text[] NOT NULL CHECK (cardinality(isco_codes) >= 1),
  created_at timestamptz NOT NULL
);
COMMENT ON TABLE skill_test_sessions IS 'A dated test session at a centre with a seat capacity; bookings lock its row (FOR UPDATE) so it is never overbooked.';
COMMENT ON COLUMN skill_test_sessions.isco_codes IS 'ISCO-08 unit groups (4 digits) the session tests.';
COMMENT ON COLUMN skill_test_sessions.capacity IS 'Seats; bookings of applications not withdrawn or rejected count against it.';
CREATE INDEX skill_test_sessions_date_idx ON skill_test_sessions (session_date, centre_id);

CREATE TABLE skill_test_bookings (
  application_id uuid PRIMARY KEY REFERENCES service_applications(id),
  session_id uuid NOT NULL REFERENCES skill_test_sessions(id),
  isco text NOT NULL REFERENCES occupations(code),
  theoretical_score smallint CHECK (theoretical_score BETWEEN 0 AND 100),
  practical_score smallint CHECK (practical_score BETWEEN 0 AND 100),
  grade text CHECK (grade IN ('assistant_worker', 'semi_skilled', 'skilled', 'technician', 'specialised_technician')),
  examiner_staff_id uuid REFERENCES staff(id),
  results_at timestamptz,
  created_at timestamptz NOT NULL
);
COMMENT ON TABLE skill_test_bookings IS 'A skill-certificate application''s seat in a test session and its theoretical and practical results (Decree 266/2025).';
COMMENT ON COLUMN skill_test_bookings.theoretical_score IS 'Theoretical test score, 0-100, entered by the examiner.';
COMMENT ON COLUMN skill_test_bookings.practical_score IS 'Practical test score, 0-100, entered by the examiner.';
COMMENT ON COLUMN skill_test_bookings.grade IS 'Grade computed from the scores by the configured thresholds (data/eservices/skill-grades.json); NULL = not passed or not yet tested.';
CREATE INDEX skill_test_bookings_session_idx ON skill_test_bookings (session_id);

CREATE TABLE craft_licences (
  id uuid PRIMARY KEY,
  licence_number text NOT NULL UNIQUE,
  citizen_id uuid NOT NULL REFERENCES citizens(id),
  application_id uuid NOT NULL UNIQUE REFERENCES service_applications(id),
  isco text NOT NULL REFERENCES occupations(code),
  skill_certificate_code text NOT NULL,
  valid_from date NOT NULL,
  valid_until date NOT NULL,
  document_code text,
  created_at timestamptz NOT NULL
);
COMMENT ON TABLE craft_licences IS 'Craft-practice licences (Law 14/2025 Art. 27): a listed craft, backed by a valid skill-level certificate in it.';
COMMENT ON COLUMN craft_licences.isco IS 'The craft, an ISCO-08 unit group from the configured list (data/eservices/crafts.json).';
COMMENT ON COLUMN craft_licences.skill_certificate_code IS 'Verification code of the skill-level certificate the licence rests on.';
CREATE SEQUENCE craft_licence_serial;
COMMENT ON SEQUENCE craft_licence_serial IS 'Serial part of craft_licences.licence_number.';

CREATE TABLE work_permits (
  id uuid PRIMARY KEY,
  permit_number text NOT NULL UNIQUE,
  application_id uuid NOT NULL UNIQUE REFERENCES service_applications(id),
  representative_citizen_id uuid NOT NULL REFERENCES citizens(id),
  office_id uuid REFERENCES offices(id),
  directorate_code text REFERENCES directorates(governorate_code),
  establishment_cr text NOT NULL,
  establishment_name text NOT NULL,
  worker_name text NOT NULL,
  passport_number text NOT NULL,
  nationality text NOT NULL CHECK (nationality ~ '^[A-Z]{2}$'),
  isco text NOT NULL REFERENCES occupations(code),
  permit_year smallint NOT NULL CHECK (permit_year >= 1),
  valid_from date NOT NULL,
  valid_until date NOT NULL CHECK (valid_until > valid_from),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'renewed', 'cancelled')),
  renews_permit_id uuid REFERENCES work_permits(id),
  document_code text,
  cancelled_at timestamptz,
  cancel_reason text,
  created_at timestamptz NOT NULL,
  CHECK (status <> 'cancelled' OR (cancelled_at IS NOT NULL AND cancel_reason IS NOT NULL))
);
COMMENT ON TABLE work_permits IS 'Work permits for foreign workers (Decree 279/2025), applied for by an establishment through its authorised representative. Personal data: worker name, passport.';
COMMENT ON COLUMN work_permits.status IS 'Stored state: active, renewed (a later permit replaced it) or cancelled. Shown states are derived on read: active, renewal_due (30 days before valid_until), expired (after valid_until), renewed, cancelled.';
COMMENT ON COLUMN work_permits.establishment_cr IS 'Commercial-register number of the establishment (the quota counts its active permits).';
COMMENT ON COLUMN work_permits.permit_year IS 'Which year of permits this is for the worker (1 = first): sets the fee by the configured table.';
COMMENT ON COLUMN work_permits.passport_number IS 'Foreign worker''s passport number (upper case, no spaces).';
COMMENT ON COLUMN work_permits.nationality IS 'ISO 3166-1 alpha-2 code of the worker''s nationality.';
COMMENT ON COLUMN work_permits.renews_permit_id IS 'The earlier permit this one renews (renewal is allowed only before that one expires).';
CREATE INDEX work_permits_establishment_idx ON work_permits (establishment_cr, valid_until) WHERE status = 'active';
CREATE INDEX work_permits_passport_idx ON work_permits (passport_number, nationality);
CREATE INDEX work_permits_representative_idx ON work_permits (representative_citizen_id, created_at DESC);
-- A permit is renewed at most once.
CREATE UNIQUE INDEX work_permits_one_renewal ON work_permits (renews_permit_id) WHERE renews_permit_id IS NOT NULL;
CREATE SEQUENCE work_permit_serial;
COMMENT ON SEQUENCE work_permit_serial IS 'Serial part of work_permits.permit_number.';

-- An establishment's representative applies for several foreign workers at once: the one-open rule of
-- 0014 does not hold for work permits.
DROP INDEX service_applications_one_open;
CREATE UNIQUE INDEX service_applications_one_open ON service_applications (applicant_citizen_id, service_code) WHERE status IN ('draft', 'submitted', 'in_review', 'info_requested', 'escalated', 'approved') AND service_code <> 'work_permit';
