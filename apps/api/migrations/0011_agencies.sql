-- Licensed private recruitment agencies (Egyptian node; Law 14/2025 Art. 40–43), workers' authorisations
-- of an agency to act for them, and anonymous reports of unlicensed brokers for the HQ queue.

CREATE TABLE agencies (
  id uuid PRIMARY KEY,
  licence_number text NOT NULL CHECK (licence_number ~ '^RA-\d{4}-\d{4}$'),
  name_ar text NOT NULL,
  name_en text NOT NULL,
  search_text text NOT NULL,
  legal_form text NOT NULL CHECK (legal_form IN ('jsc', 'partnership_limited_by_shares', 'llc', 'one_person_company')),
  scope text NOT NULL CHECK (scope IN ('domestic', 'abroad', 'both')),
  paid_in_capital_piastres bigint NOT NULL,
  governorate_code text NOT NULL REFERENCES governorates(code),
  address text NOT NULL,
  phone text NOT NULL,
  licence_issued_on date NOT NULL,
  licence_expires_on date NOT NULL,
  status text NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'suspended', 'revoked')),
  status_reason text,
  status_changed_at timestamptz NOT NULL,
  is_demo boolean NOT NULL DEFAULT false,
  created_by uuid REFERENCES staff(id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CONSTRAINT agencies_licence_key UNIQUE (licence_number),
  -- Law 14/2025 Art. 41: EGP 250,000 for placement in Egypt, EGP 500,000 for placement abroad (1 EGP = 100 piastres).
  CONSTRAINT agencies_capital_minimum CHECK (paid_in_capital_piastres >= CASE scope WHEN 'domestic' THEN 25000000 ELSE 50000000 END),
  CONSTRAINT agencies_licence_dates CHECK (licence_expires_on > licence_issued_on),
  CONSTRAINT agencies_reason CHECK (status = 'valid' OR status_reason IS NOT NULL)
);
CREATE INDEX agencies_status_idx ON agencies (status, name_ar);
CREATE INDEX agencies_governorate_idx ON agencies (governorate_code);
COMMENT ON TABLE agencies IS 'Private employment agencies licensed by the Ministry (Law 14/2025 Art. 40 item 4); the public registry.';
COMMENT ON COLUMN agencies.licence_number IS 'Stable public identifier of the licence, RA-YYYY-NNNN (e.g. RA-2025-0142); never reused.';
COMMENT ON COLUMN agencies.search_text IS 'Arabic-folded (reference/arabic.ts foldForSearch) names and licence number, for the public search.';
COMMENT ON COLUMN agencies.legal_form IS 'Company form allowed by Art. 40: joint-stock, partnership limited by shares, LLC, one-person company.';
COMMENT ON COLUMN agencies.scope IS 'Placement licensed: domestic (in Egypt), abroad, or both; sets the Art. 41 capital minimum.';
COMMENT ON COLUMN agencies.paid_in_capital_piastres IS 'Paid-in capital in piastres (EGP minor units, 1/100).';
COMMENT ON COLUMN agencies.status IS 'valid | suspended | revoked. revoked is final (trigger agencies_revoked_is_final).';
COMMENT ON COLUMN agencies.status_reason IS 'Why the licence was suspended or revoked (or reinstated); shown publicly.';
COMMENT ON COLUMN agencies.is_demo IS 'Synthetic demo agency (SEED_DEMO_DATA); never a real licence.';
COMMENT ON COLUMN agencies.created_by IS 'HQ administrator who registered the licence; NULL for the demo seed.';

CREATE FUNCTION agencies_revoked_is_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'revoked' AND NEW.status <> 'revoked' THEN
    RAISE EXCEPTION 'a revoked agency licence cannot be reinstated' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER agencies_revoked_is_final BEFORE UPDATE ON agencies
  FOR EACH ROW EXECUTE FUNCTION agencies_revoked_is_final();

CREATE TABLE agency_status_changes (
  id uuid PRIMARY KEY,
  agency_id uuid NOT NULL REFERENCES agencies(id),
  from_status text CHECK (from_status IN ('valid', 'suspended', 'revoked')),
  to_status text NOT NULL CHECK (to_status IN ('valid', 'suspended', 'revoked')),
  reason text NOT NULL,
  changed_by uuid REFERENCES staff(id),
  changed_at timestamptz NOT NULL
);
CREATE INDEX agency_status_changes_agency_idx ON agency_status_changes (agency_id, changed_at);
COMMENT ON TABLE agency_status_changes IS 'History of licence status decisions, oldest first; the first row (from_status NULL) is the licence being registered.';
COMMENT ON COLUMN agency_status_changes.changed_by IS 'HQ administrator; NULL for the system (demo seed).';

-- A worker's consent that one agency may act for them (Law 14/2025 Art. 40; Law 151/2020 Art. 2: consent).
-- Rows are never deleted: withdrawing sets withdrawn_at; granting again adds a new row.
CREATE TABLE agency_authorisations (
  id uuid PRIMARY KEY,
  agency_id uuid NOT NULL REFERENCES agencies(id),
  citizen_id uuid NOT NULL REFERENCES citizens(id),
  granted_at timestamptz NOT NULL,
  withdrawn_at timestamptz,
  CONSTRAINT agency_authorisations_order CHECK (withdrawn_at IS NULL OR withdrawn_at >= granted_at)
);
CREATE UNIQUE INDEX agency_authorisations_active_key ON agency_authorisations (agency_id, citizen_id) WHERE withdrawn_at IS NULL;
CREATE INDEX agency_authorisations_citizen_idx ON agency_authorisations (citizen_id, granted_at DESC);
COMMENT ON TABLE agency_authorisations IS 'Worker consents allowing one licensed agency to act for them; withdrawn, never deleted.';
COMMENT ON COLUMN agency_authorisations.withdrawn_at IS 'When the worker withdrew the authorisation; NULL while it is active.';

CREATE FUNCTION agency_authorisations_never_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'agency authorisations are withdrawn, never deleted' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER agency_authorisations_no_delete BEFORE DELETE ON agency_authorisations
  FOR EACH ROW EXECUTE FUNCTION agency_authorisations_never_deleted();

-- Reports of brokers asking workers for money for jobs (Art. 43: nothing may be taken from the worker).
-- Anonymous: no citizen id, no IP address and no user agent are stored.
CREATE TABLE broker_reports (
  id uuid PRIMARY KEY,
  reference text NOT NULL CHECK (reference ~ '^BR-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$'),
  claimed_offer text NOT NULL,
  broker_name text,
  broker_phone text,
  broker_link text,
  promised_country text CHECK (promised_country ~ '^[A-Z]{2}$'),
  amount_asked_minor bigint CHECK (amount_asked_minor >= 0),
  amount_currency text CHECK (amount_currency ~ '^[A-Z]{3}$'),
  description text NOT NULL,
  reporter_contact text,
  status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'investigating', 'referred', 'closed')),
  assigned_to uuid REFERENCES staff(id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CONSTRAINT broker_reports_reference_key UNIQUE (reference),
  CONSTRAINT broker_reports_amount_pair CHECK ((amount_asked_minor IS NULL) = (amount_currency IS NULL))
);
CREATE INDEX broker_reports_queue_idx ON broker_reports (status, created_at);
CREATE INDEX broker_reports_assigned_idx ON broker_reports (assigned_to, created_at) WHERE assigned_to IS NOT NULL;
COMMENT ON TABLE broker_reports IS 'Reports of unlicensed brokers (anonymous allowed); the HQ queue. No IP address or reporter identity is stored.';
COMMENT ON COLUMN broker_reports.reference IS 'Reference the reporter quotes later: BR- and 8 Crockford base32 characters, random.';
COMMENT ON COLUMN broker_reports.claimed_offer IS 'What the broker claimed to offer (job, visa, contract), in the reporter''s words.';
COMMENT ON COLUMN broker_reports.broker_name IS 'Free text as reported: a name, a page name, a nickname.';
COMMENT ON COLUMN broker_reports.broker_phone IS 'Free text as reported (digits folded to ASCII).';
COMMENT ON COLUMN broker_reports.broker_link IS 'Free text as reported: a social-media page or advert link; never fetched.';
COMMENT ON COLUMN broker_reports.promised_country IS 'ISO 3166-1 alpha-2 of the country of the promised job, if known.';
COMMENT ON COLUMN broker_reports.amount_asked_minor IS 'Money the broker asked for, in minor units of amount_currency (EGP: piastres).';
COMMENT ON COLUMN broker_reports.reporter_contact IS 'Optional phone or email the reporter chose to give; personal data, shown to the HQ queue only.';
COMMENT ON COLUMN broker_reports.assigned_to IS 'HQ staff member (hq_admin or overseas_officer) handling the report.';

CREATE TABLE broker_report_events (
  id uuid PRIMARY KEY,
  report_id uuid NOT NULL REFERENCES broker_reports(id),
  staff_id uuid NOT NULL REFERENCES staff(id),
  kind text NOT NULL CHECK (kind IN ('status_changed', 'assigned', 'note_added')),
  from_status text,
  to_status text,
  assigned_to uuid REFERENCES staff(id),
  note text,
  at timestamptz NOT NULL
);
CREATE INDEX broker_report_events_report_idx ON broker_report_events (report_id, at);
COMMENT ON TABLE broker_report_events IS 'What HQ staff did with a broker report (status changes, assignments, notes), oldest first.';
