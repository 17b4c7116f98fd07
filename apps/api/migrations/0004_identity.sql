-- Citizens, staff, one-time codes, sessions and the development notification outbox.

CREATE TABLE citizens (
  id uuid PRIMARY KEY,
  national_id text NOT NULL UNIQUE CHECK (national_id ~ '^\d{14}$'),
  national_id_check_ok boolean NOT NULL,
  birth_date date NOT NULL,
  sex text NOT NULL CHECK (sex IN ('male', 'female')),
  governorate_code text NOT NULL REFERENCES governorates(code),
  name_ar text NOT NULL,
  name_latin text NOT NULL,
  mobile text NOT NULL UNIQUE CHECK (mobile ~ '^\+\d{8,15}$'),
  email text,
  password_hash text NOT NULL,
  locale text NOT NULL DEFAULT 'ar' CHECK (locale IN ('ar', 'en')),
  mobile_verified_at timestamptz,
  disabled_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
COMMENT ON COLUMN citizens.national_id IS 'Personal data: never in URLs, logs or messages to other nodes.';
COMMENT ON COLUMN citizens.national_id_check_ok IS 'False = check digit mismatch (variant A); flagged for manual review, never rejected.';
COMMENT ON COLUMN citizens.mobile IS 'E.164.';

CREATE TABLE one_time_codes (
  id uuid PRIMARY KEY,
  citizen_id uuid NOT NULL REFERENCES citizens(id),
  purpose text NOT NULL CHECK (purpose IN ('verify_mobile')),
  code_hash text NOT NULL,
  attempts smallint NOT NULL DEFAULT 0,
  expires_at timestamptz NOT NULL,
  consumed_at timestamptz,
  created_at timestamptz NOT NULL
);
CREATE INDEX one_time_codes_citizen_idx ON one_time_codes (citizen_id, purpose, created_at DESC);
COMMENT ON COLUMN one_time_codes.code_hash IS 'SHA-256 of the code and its id: the code itself is never stored.';

CREATE TABLE staff (
  id uuid PRIMARY KEY,
  email text NOT NULL UNIQUE CHECK (email = lower(email)),
  name_ar text NOT NULL,
  name_en text NOT NULL,
  role text NOT NULL CHECK (role IN ('clerk', 'office_head', 'directorate_manager', 'hq_admin', 'auditor')),
  office_id uuid REFERENCES offices(id),
  directorate_code text REFERENCES directorates(governorate_code),
  password_hash text NOT NULL,
  totp_secret text NOT NULL,
  totp_last_step bigint NOT NULL DEFAULT 0,
  disabled_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  -- The scope a role needs: office roles an office, directorate managers a directorate, HQ roles neither.
  CONSTRAINT staff_scope CHECK (
    (role IN ('clerk', 'office_head') AND office_id IS NOT NULL AND directorate_code IS NULL) OR
    (role = 'directorate_manager' AND office_id IS NULL AND directorate_code IS NOT NULL) OR
    (role IN ('hq_admin', 'auditor') AND office_id IS NULL AND directorate_code IS NULL)
  )
);
COMMENT ON COLUMN staff.totp_last_step IS 'Last accepted RFC 6238 time step: a code is accepted once (replay guard).';

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  citizen_id uuid REFERENCES citizens(id),
  staff_id uuid REFERENCES staff(id),
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  CONSTRAINT sessions_one_subject CHECK ((citizen_id IS NULL) <> (staff_id IS NULL))
);
CREATE INDEX sessions_citizen_idx ON sessions (citizen_id) WHERE revoked_at IS NULL;
CREATE INDEX sessions_staff_idx ON sessions (staff_id) WHERE revoked_at IS NULL;
COMMENT ON COLUMN sessions.token_hash IS 'SHA-256 of the 256-bit cookie token; the token itself is never stored.';
COMMENT ON COLUMN sessions.expires_at IS 'Absolute timeout; the idle timeout is checked against last_seen_at.';

CREATE TABLE notification_outbox (
  id uuid PRIMARY KEY,
  channel text NOT NULL CHECK (channel IN ('sms', 'email')),
  recipient text NOT NULL,
  body_ar text NOT NULL,
  body_en text NOT NULL,
  created_at timestamptz NOT NULL
);
COMMENT ON TABLE notification_outbox IS 'Development transport: messages a developer reads at /dev/outbox instead of an SMS gateway.';
