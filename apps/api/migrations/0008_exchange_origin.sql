-- Overseas employment exchange, origin (Egyptian) side: worker profiles, per-country consent and
-- pseudonyms, the worker's disclosure log, job orders received for attestation, applications and
-- invitations. Personal data stays here; what crosses a border is built from these rows by one
-- allow-list function (workers.sharing.ts) per the destination's field profile.

CREATE TABLE worker_profiles (
  citizen_id uuid PRIMARY KEY REFERENCES citizens(id),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  skills jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(skills) = 'array'),
  education text CHECK (education IN ('none', 'primary', 'preparatory', 'secondary', 'technical_secondary', 'post_secondary', 'bachelor', 'master', 'doctorate')),
  languages jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(languages) = 'array'),
  expected_wage_minor bigint CHECK (expected_wage_minor >= 0),
  expected_wage_currency text CHECK (expected_wage_currency ~ '^[A-Z]{3}$'),
  available_from date,
  passport_number text CHECK (passport_number ~ '^[A-Z0-9]{6,12}$'),
  passport_expiry date,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CONSTRAINT worker_profiles_wage_pair CHECK ((expected_wage_minor IS NULL) = (expected_wage_currency IS NULL)),
  CONSTRAINT worker_profiles_passport_pair CHECK ((passport_number IS NULL) = (passport_expiry IS NULL))
);
COMMENT ON TABLE worker_profiles IS 'A citizen''s overseas-work profile (one per citizen). Shared only through consented, allow-listed messages.';
COMMENT ON COLUMN worker_profiles.version IS 'Incremented on every change of the profile, its occupations or preferred countries.';
COMMENT ON COLUMN worker_profiles.languages IS 'Array of {language: ISO 639-1, level: CEFR A1..C2 | native}.';
COMMENT ON COLUMN worker_profiles.expected_wage_minor IS 'Expected monthly wage in minor units of expected_wage_currency (ISO 4217).';
COMMENT ON COLUMN worker_profiles.passport_number IS 'Personal data: never in a profile message; only in an accepted invitation''s disclosure if the destination''s field profile allows it.';

CREATE TABLE worker_occupations (
  citizen_id uuid NOT NULL REFERENCES worker_profiles(citizen_id) ON DELETE CASCADE,
  isco text NOT NULL REFERENCES occupations(code) CHECK (isco ~ '^\d{4}$'),
  years smallint NOT NULL CHECK (years BETWEEN 0 AND 60),
  position smallint NOT NULL CHECK (position BETWEEN 0 AND 4),
  PRIMARY KEY (citizen_id, isco),
  UNIQUE (citizen_id, position)
);
COMMENT ON TABLE worker_occupations IS 'ISCO-08 unit groups (4 digits) the worker has practised, with years of experience; position 0 = main occupation.';
CREATE INDEX worker_occupations_isco_idx ON worker_occupations (isco);

CREATE TABLE worker_preferred_countries (
  citizen_id uuid NOT NULL REFERENCES worker_profiles(citizen_id) ON DELETE CASCADE,
  country text NOT NULL REFERENCES countries(iso2),
  PRIMARY KEY (citizen_id, country)
);
COMMENT ON TABLE worker_preferred_countries IS 'Countries where the worker would like to work (ranking of recommendations; not a consent).';

CREATE TABLE worker_certificates (
  id uuid PRIMARY KEY,
  citizen_id uuid NOT NULL REFERENCES citizens(id),
  kind text NOT NULL CHECK (kind IN ('skill_level', 'training')),
  isco text REFERENCES occupations(code),
  level text CHECK (level IN ('assistant_worker', 'semi_skilled', 'skilled', 'technician', 'specialised_technician')),
  title_ar text NOT NULL,
  title_en text NOT NULL,
  issued_at date NOT NULL,
  verification_code text,
  source text NOT NULL,
  source_ref text NOT NULL,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL,
  UNIQUE (source, source_ref)
);
COMMENT ON TABLE worker_certificates IS 'Verified evidence written by the issuing module (e-services skill-level certificates, training); never typed by the worker.';
COMMENT ON COLUMN worker_certificates.source IS 'Issuing module, e.g. eservices or elearning; (source, source_ref) makes issuing idempotent.';
COMMENT ON COLUMN worker_certificates.verification_code IS 'Public verification code of the issued document (register), shown to partners as evidence.';

CREATE TABLE worker_country_links (
  citizen_id uuid NOT NULL REFERENCES citizens(id),
  country text NOT NULL REFERENCES countries(iso2),
  profile_id uuid NOT NULL UNIQUE,
  entity_version integer NOT NULL DEFAULT 0 CHECK (entity_version >= 0),
  last_shared_hash text,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (citizen_id, country)
);
COMMENT ON TABLE worker_country_links IS 'Pseudonymous profile id per (worker, destination): a random UUID, so two countries cannot link their copies.';
COMMENT ON COLUMN worker_country_links.last_shared_hash IS 'SHA-256 of the last profile.upsert body sent; an edit that changes nothing that country sees (e.g. the passport) sends nothing. NULL after withdrawal.';
COMMENT ON COLUMN worker_country_links.entity_version IS 'Last federation entity version sent for profile/profile_id; every upsert or withdraw uses the next one.';

CREATE TABLE worker_consents (
  id uuid PRIMARY KEY,
  citizen_id uuid NOT NULL REFERENCES citizens(id),
  country text NOT NULL REFERENCES countries(iso2),
  text_version text NOT NULL,
  profile_fields jsonb NOT NULL,
  contact_fields jsonb NOT NULL,
  granted_at timestamptz NOT NULL,
  withdrawn_at timestamptz,
  FOREIGN KEY (citizen_id, country) REFERENCES worker_country_links(citizen_id, country),
  CHECK (withdrawn_at IS NULL OR withdrawn_at >= granted_at)
);
COMMENT ON TABLE worker_consents IS 'Law 151/2020 Art. 14-15 consent register: explicit, per destination, versioned, withdrawable. Rows are never deleted.';
COMMENT ON COLUMN worker_consents.text_version IS 'Version of the consent text the worker agreed to.';
COMMENT ON COLUMN worker_consents.profile_fields IS 'The exact SharedProfile fields that country receives, as shown to the worker when consenting.';
COMMENT ON COLUMN worker_consents.contact_fields IS 'The ContactDisclosure fields an employer of that country receives if the worker accepts its invitation.';
CREATE UNIQUE INDEX worker_consents_active_idx ON worker_consents (citizen_id, country) WHERE withdrawn_at IS NULL;

CREATE TABLE worker_disclosures (
  id uuid PRIMARY KEY,
  citizen_id uuid NOT NULL REFERENCES citizens(id),
  country text NOT NULL REFERENCES countries(iso2),
  kind text NOT NULL CHECK (kind IN ('profile_sent', 'profile_withdrawn', 'profile_viewed', 'application_sent', 'contact_disclosed')),
  fields jsonb NOT NULL DEFAULT '[]',
  employer jsonb,
  message_id text,
  at timestamptz NOT NULL
);
COMMENT ON TABLE worker_disclosures IS 'The worker''s disclosure log: which node received which fields when, which employers viewed the profile or received contact details.';
COMMENT ON COLUMN worker_disclosures.fields IS 'Names of the fields sent (never their values).';
COMMENT ON COLUMN worker_disclosures.employer IS 'EmployerSummary of the viewing or receiving employer, as its ministry reported it.';
CREATE INDEX worker_disclosures_citizen_idx ON worker_disclosures (citizen_id, at DESC);

CREATE TABLE received_job_orders (
  id uuid PRIMARY KEY,
  country text NOT NULL REFERENCES countries(iso2),
  version integer NOT NULL CHECK (version >= 1),
  terms jsonb NOT NULL,
  employer jsonb NOT NULL,
  isco text NOT NULL CHECK (isco ~ '^\d{4}$'),
  title_ar text NOT NULL,
  title_en text NOT NULL,
  city text NOT NULL,
  employer_pays boolean NOT NULL,
  status text NOT NULL CHECK (status IN ('pending_attestation', 'approved', 'rejected', 'changes_requested')),
  decided_by text,
  decided_at timestamptz,
  decision_reason text,
  received_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK ((status = 'pending_attestation') = (decided_at IS NULL)),
  CHECK (status <> 'approved' OR employer_pays)
);
COMMENT ON TABLE received_job_orders IS 'Job orders partner ministries submitted for attestation (federation job_order.submitted); approved ones are listed publicly.';
COMMENT ON COLUMN received_job_orders.terms IS 'JobOrderTerms (packages/contracts exchange.ts) of the latest version received.';
COMMENT ON COLUMN received_job_orders.employer_pays IS 'recruitmentCostsBorneByEmployer: approval impossible without it (Law 14/2025 Art. 43).';
COMMENT ON COLUMN received_job_orders.decided_by IS 'Staff id of the overseas officer, or ''system:demo'' for the audited demo auto-attestation.';
CREATE INDEX received_job_orders_status_idx ON received_job_orders (status, received_at);
CREATE INDEX received_job_orders_isco_idx ON received_job_orders (isco) WHERE status = 'approved';

CREATE TABLE worker_applications (
  id uuid PRIMARY KEY,
  citizen_id uuid NOT NULL REFERENCES citizens(id),
  job_order_id uuid NOT NULL REFERENCES received_job_orders(id),
  country text NOT NULL REFERENCES countries(iso2),
  profile_id uuid NOT NULL,
  submitted_at timestamptz NOT NULL,
  UNIQUE (citizen_id, job_order_id)
);
COMMENT ON TABLE worker_applications IS 'A worker''s application to an attested job order, sent to the employer''s ministry under the worker''s pseudonym.';

CREATE TABLE worker_invitations (
  id uuid PRIMARY KEY,
  citizen_id uuid NOT NULL REFERENCES citizens(id),
  country text NOT NULL REFERENCES countries(iso2),
  profile_id uuid NOT NULL,
  job_order_id uuid NOT NULL,
  application_id uuid REFERENCES worker_applications(id),
  employer jsonb NOT NULL,
  message_ar text,
  sent_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined')),
  responded_at timestamptz,
  CHECK ((status = 'pending') = (responded_at IS NULL))
);
COMMENT ON TABLE worker_invitations IS 'Invitations employers sent through their ministry (federation invitation.sent); answered once by the worker.';
CREATE INDEX worker_invitations_citizen_idx ON worker_invitations (citizen_id, received_at DESC);
