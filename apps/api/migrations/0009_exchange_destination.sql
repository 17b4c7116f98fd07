-- Overseas employment exchange, destination (partner) side: employers verified by this ministry, their
-- job orders (attested by the Egyptian ministry over federation v1), the worker profiles shared with this
-- country, the candidate-search table, invitations, applications and the employers' notifications.

CREATE TABLE employers (
  id uuid PRIMARY KEY,
  country text NOT NULL REFERENCES countries(iso2),
  establishment_number text NOT NULL,
  name_ar text NOT NULL,
  name_en text NOT NULL,
  sector text NOT NULL,
  city text NOT NULL,
  rep_name text NOT NULL,
  rep_email text NOT NULL CHECK (rep_email = lower(rep_email)),
  rep_mobile text NOT NULL CHECK (rep_mobile ~ '^\+\d{8,15}$'),
  password_hash text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'verified', 'rejected')),
  decision_reason text,
  decided_at timestamptz,
  decided_by uuid REFERENCES staff(id),
  disabled_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CONSTRAINT employers_establishment_key UNIQUE (country, establishment_number),
  CONSTRAINT employers_email_key UNIQUE (rep_email),
  CONSTRAINT employers_decision CHECK ((status = 'pending') = (decided_at IS NULL))
);
CREATE INDEX employers_status_idx ON employers (status, created_at);
COMMENT ON TABLE employers IS 'Establishments registered on this (destination) node and verified by its ministry.';
COMMENT ON COLUMN employers.establishment_number IS 'National establishment number in that country''s format (digits only, normalised).';
COMMENT ON COLUMN employers.rep_mobile IS 'E.164 mobile of the authorised representative.';
COMMENT ON COLUMN employers.decided_by IS 'Staff member who verified or rejected; NULL with status verified means the system (demo seed).';

-- Employers sign in too: exactly one of citizen, staff member or employer per session.
ALTER TABLE sessions ADD COLUMN employer_id uuid REFERENCES employers(id);
ALTER TABLE sessions DROP CONSTRAINT sessions_one_subject;
ALTER TABLE sessions ADD CONSTRAINT sessions_one_subject CHECK (num_nonnulls(citizen_id, staff_id, employer_id) = 1);
CREATE INDEX sessions_employer_idx ON sessions (employer_id) WHERE revoked_at IS NULL;

-- Employers' own actions are audited under their own actor kind.
ALTER TABLE audit_log DROP CONSTRAINT audit_log_actor_kind_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_actor_kind_check CHECK (actor_kind IN ('staff', 'citizen', 'system', 'employer'));

CREATE TABLE job_orders (
  id uuid PRIMARY KEY,
  employer_id uuid NOT NULL REFERENCES employers(id),
  country text NOT NULL REFERENCES countries(iso2),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'approved', 'rejected', 'changes_requested')),
  version integer NOT NULL DEFAULT 0 CHECK (version >= 0),
  isco text NOT NULL REFERENCES occupations(code) CHECK (isco ~ '^\d{4}$'),
  title_ar text NOT NULL,
  title_en text NOT NULL,
  positions integer NOT NULL CHECK (positions BETWEEN 1 AND 10000),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  wage_minor bigint NOT NULL CHECK (wage_minor > 0),
  housing_minor bigint CHECK (housing_minor >= 0),
  transport_minor bigint CHECK (transport_minor >= 0),
  food_minor bigint CHECK (food_minor >= 0),
  hours_per_week smallint NOT NULL CHECK (hours_per_week BETWEEN 1 AND 72),
  rest_days_per_week smallint NOT NULL CHECK (rest_days_per_week BETWEEN 0 AND 7),
  contract_months smallint NOT NULL CHECK (contract_months BETWEEN 1 AND 120),
  probation_days smallint NOT NULL CHECK (probation_days BETWEEN 0 AND 365),
  city text NOT NULL,
  min_years smallint NOT NULL CHECK (min_years BETWEEN 0 AND 40),
  languages jsonb NOT NULL,
  certificate_level text CHECK (certificate_level IN ('assistant_worker', 'semi_skilled', 'skilled', 'technician', 'specialised_technician')),
  notes_ar text NOT NULL,
  annual_ticket boolean NOT NULL,
  end_of_service boolean NOT NULL,
  medical_insurance boolean NOT NULL,
  recruitment_costs_borne_by_employer boolean NOT NULL CHECK (recruitment_costs_borne_by_employer),
  posted_on date,
  submitted_at timestamptz,
  decision_reason text,
  decided_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CONSTRAINT job_orders_submitted CHECK (status = 'draft' OR (version >= 1 AND submitted_at IS NOT NULL AND posted_on IS NOT NULL))
);
CREATE INDEX job_orders_employer_idx ON job_orders (employer_id, created_at DESC);
COMMENT ON COLUMN job_orders.version IS 'Federation entity version of the job order: 1 at first submission, +1 at each resubmission.';
COMMENT ON COLUMN job_orders.wage_minor IS 'Basic monthly wage in minor units of currency (ISO 4217; e.g. halalas).';
COMMENT ON COLUMN job_orders.recruitment_costs_borne_by_employer IS 'Must be true: Egypt Law 14/2025 Art. 43 and the ILO employer-pays principle.';
COMMENT ON COLUMN job_orders.languages IS 'Required languages: [{language: ISO 639-1, level: CEFR}].';

-- Profiles shared with this country by the Egyptian node (profile.upsert), exactly as received.
CREATE TABLE shared_profiles (
  profile_id uuid PRIMARY KEY,
  from_country text NOT NULL CHECK (from_country ~ '^[A-Z]{2}$'),
  version integer NOT NULL,
  profile jsonb NOT NULL,
  received_at timestamptz NOT NULL
);
COMMENT ON TABLE shared_profiles IS 'Only what the sending ministry shared (its field profile for this country); deleted at once on profile.withdraw.';
COMMENT ON COLUMN shared_profiles.profile_id IS 'Pseudonymous, per destination country: not linkable to the worker outside the Egyptian node.';
COMMENT ON COLUMN shared_profiles.version IS 'Federation entity version of the last applied profile.upsert.';

-- Candidate search: one row per (profile, occupation), with the ISCO hierarchy spelled out so that each
-- ranking tier (unit group, minor group, sub-major group) is one ordered b-tree range scan with LIMIT.
-- Profile-level attributes are copied into every row of the profile (they rank and filter identically).
CREATE TABLE candidate_occupations (
  profile_id uuid NOT NULL REFERENCES shared_profiles(profile_id) ON DELETE CASCADE,
  isco text NOT NULL CHECK (isco ~ '^\d{4}$'),
  isco_minor text NOT NULL CHECK (isco_minor = left(isco, 3)),
  isco_sub_major text NOT NULL CHECK (isco_sub_major = left(isco, 2)),
  years smallint NOT NULL CHECK (years BETWEEN 0 AND 60),
  cert_rank smallint NOT NULL CHECK (cert_rank BETWEEN 0 AND 5),
  available_from date,
  languages text[] NOT NULL,
  PRIMARY KEY (profile_id, isco)
);
CREATE INDEX candidate_occupations_unit_idx ON candidate_occupations (isco, years DESC, cert_rank DESC, available_from ASC NULLS FIRST, profile_id);
CREATE INDEX candidate_occupations_minor_idx ON candidate_occupations (isco_minor, years DESC, cert_rank DESC, available_from ASC NULLS FIRST, profile_id);
CREATE INDEX candidate_occupations_sub_major_idx ON candidate_occupations (isco_sub_major, years DESC, cert_rank DESC, available_from ASC NULLS FIRST, profile_id);
COMMENT ON COLUMN candidate_occupations.cert_rank IS 'Highest verified skill-level certificate: 0 none, 1 assistant worker … 5 specialised technician.';
COMMENT ON COLUMN candidate_occupations.available_from IS 'NULL = available now.';
COMMENT ON COLUMN candidate_occupations.languages IS 'language:level for every level the worker meets (en:B2 also stores en:A1…en:B2), so a minimum-level filter is one array overlap.';

-- An employer opened a candidate (one profile.viewed message per employer, profile and day).
CREATE TABLE candidate_views (
  employer_id uuid NOT NULL REFERENCES employers(id),
  profile_id uuid NOT NULL,
  viewed_on date NOT NULL,
  PRIMARY KEY (employer_id, profile_id, viewed_on)
);

CREATE TABLE job_applications (
  id uuid PRIMARY KEY,
  job_order_id uuid NOT NULL REFERENCES job_orders(id),
  profile_id uuid NOT NULL,
  submitted_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL
);
CREATE INDEX job_applications_job_order_idx ON job_applications (job_order_id, submitted_at);
COMMENT ON TABLE job_applications IS 'Applications of Egyptian workers to this node''s attested job orders (application.submitted).';

CREATE TABLE invitations (
  id uuid PRIMARY KEY,
  employer_id uuid NOT NULL REFERENCES employers(id),
  job_order_id uuid NOT NULL REFERENCES job_orders(id),
  profile_id uuid NOT NULL,
  application_id uuid REFERENCES job_applications(id),
  message_ar text,
  status text NOT NULL DEFAULT 'sent' CHECK (status IN ('sent', 'accepted', 'declined')),
  sent_at timestamptz NOT NULL,
  responded_at timestamptz,
  disclosure jsonb,
  CONSTRAINT invitations_once UNIQUE (job_order_id, profile_id),
  CONSTRAINT invitations_disclosure CHECK (disclosure IS NULL OR status = 'accepted')
);
CREATE INDEX invitations_employer_idx ON invitations (employer_id, sent_at DESC);
COMMENT ON COLUMN invitations.disclosure IS 'Contact fields the worker disclosed to this one employer on acceptance (ContactDisclosure); personal data.';

CREATE TABLE employer_notifications (
  id uuid PRIMARY KEY,
  employer_id uuid NOT NULL REFERENCES employers(id),
  kind text NOT NULL,
  body_ar text NOT NULL,
  body_en text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX employer_notifications_employer_idx ON employer_notifications (employer_id, created_at DESC);
COMMENT ON TABLE employer_notifications IS 'In-app notifications, written in the same transaction as the event (verification, attestation decision, application, invitation answer).';
