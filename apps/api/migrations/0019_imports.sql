-- From paper to electronic (issue 5 §10): import of legacy paper registers of employment registrations
-- (Law 14/2025 Art. 33) from CSV or XLSX, with a row-by-row report. Additive: new columns on
-- employment_registrations, the import jobs and the report rows that are not imported.

-- Legacy rows may belong to a person with no citizen account yet: citizen_id becomes optional and the
-- national ID is kept on the legacy row so the account can be linked later (trigger below).
ALTER TABLE employment_registrations ALTER COLUMN citizen_id DROP NOT NULL;
ALTER TABLE employment_registrations ADD COLUMN source text NOT NULL DEFAULT 'online' CHECK (source IN ('online', 'legacy_import'));
ALTER TABLE employment_registrations ADD COLUMN legacy_register_number text;
ALTER TABLE employment_registrations ADD COLUMN national_id text CHECK (national_id ~ '^\d{14}$');
ALTER TABLE employment_registrations ADD COLUMN holder_name text;
ALTER TABLE employment_registrations ADD COLUMN import_job_id uuid;
ALTER TABLE employment_registrations ADD COLUMN import_row integer;
ALTER TABLE employment_registrations ADD CONSTRAINT employment_registrations_holder CHECK (citizen_id IS NOT NULL OR national_id IS NOT NULL);
ALTER TABLE employment_registrations ADD CONSTRAINT employment_registrations_legacy CHECK (source = 'online' OR (legacy_register_number IS NOT NULL AND national_id IS NOT NULL AND holder_name IS NOT NULL));
COMMENT ON COLUMN employment_registrations.citizen_id IS 'The citizen account; NULL for a legacy registration whose holder has no account yet (linked by national ID when the account is created).';
COMMENT ON COLUMN employment_registrations.source IS 'online = issued through the e-service; legacy_import = copied from a paper register by an import job.';
COMMENT ON COLUMN employment_registrations.legacy_register_number IS 'Line number in the office''s paper register (as written there). With office_id it is the idempotency key of imports.';
COMMENT ON COLUMN employment_registrations.national_id IS 'Personal data. Legacy rows only: the holder''s national ID, to link the row to the account created later.';
COMMENT ON COLUMN employment_registrations.holder_name IS 'Personal data. Legacy rows only: the holder''s name as written in the paper register.';
COMMENT ON COLUMN employment_registrations.import_job_id IS 'Legacy rows only: the import job that created the row (its report lists the row as imported).';
COMMENT ON COLUMN employment_registrations.import_row IS 'Legacy rows only: the data row number in the imported file (1 = first row after the header).';
-- Idempotency of imports: one registration per office and paper-register line.
CREATE UNIQUE INDEX employment_registrations_legacy_key ON employment_registrations (office_id, legacy_register_number) WHERE legacy_register_number IS NOT NULL;
-- One active registration per person also while not linked to an account.
CREATE UNIQUE INDEX employment_registrations_one_active_unlinked ON employment_registrations (national_id) WHERE status = 'active' AND citizen_id IS NULL;
CREATE INDEX employment_registrations_import_idx ON employment_registrations (import_job_id, import_row) WHERE import_job_id IS NOT NULL;

-- A citizen who opens an account later inherits their legacy registration, with its original
-- registration date (the Art. 33 priority key): the account is linked by national ID at creation.
-- Skipped when the citizen somehow already has an active registration (the unique index would refuse).
CREATE FUNCTION employment_registrations_link_citizen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE employment_registrations r SET citizen_id = NEW.id
   WHERE r.citizen_id IS NULL AND r.national_id = NEW.national_id
     AND NOT EXISTS (SELECT 1 FROM employment_registrations a WHERE a.citizen_id = NEW.id AND a.status = 'active');
  RETURN NEW;
END $$;
CREATE TRIGGER citizens_link_legacy_registrations AFTER INSERT ON citizens
  FOR EACH ROW EXECUTE FUNCTION employment_registrations_link_citizen();
COMMENT ON FUNCTION employment_registrations_link_citizen() IS 'Links legacy employment registrations (held by national ID) to the citizen account created for that national ID.';

CREATE TABLE import_jobs (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('employment_registrations')),
  status text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
  file_type text NOT NULL CHECK (file_type IN ('csv', 'xlsx')),
  file_bytes bigint NOT NULL CHECK (file_bytes > 0),
  staff_id uuid NOT NULL REFERENCES staff(id),
  office_id uuid REFERENCES offices(id),
  directorate_code text REFERENCES directorates(governorate_code),
  rows_read integer NOT NULL DEFAULT 0,
  rows_imported integer NOT NULL DEFAULT 0,
  rows_duplicate integer NOT NULL DEFAULT 0,
  rows_error integer NOT NULL DEFAULT 0,
  failure text,
  created_at timestamptz NOT NULL,
  started_at timestamptz,
  finished_at timestamptz,
  CHECK (rows_read = rows_imported + rows_duplicate + rows_error)
);
COMMENT ON TABLE import_jobs IS 'One upload of a legacy paper register (CSV or XLSX) and its progress; no personal data (counts only).';
COMMENT ON COLUMN import_jobs.status IS 'queued (file received) -> running -> done (every row has a result) | failed (the file could not be read to the end; rows before the fault keep their results).';
COMMENT ON COLUMN import_jobs.file_bytes IS 'Size of the uploaded file in bytes.';
COMMENT ON COLUMN import_jobs.office_id IS 'Office the register was declared to belong to (rows with a blank office code take it); NULL = the office code of each row.';
COMMENT ON COLUMN import_jobs.directorate_code IS 'Directorate of the uploader''s scope (office heads: their office''s), for the jobs list.';
COMMENT ON COLUMN import_jobs.rows_read IS 'Data rows read so far (the header excluded); always imported + duplicate + error (CHECK): no row is dropped.';
COMMENT ON COLUMN import_jobs.failure IS 'Why a failed job stopped (a file-level fault, e.g. a corrupt XLSX), English; no personal data.';
CREATE INDEX import_jobs_staff_idx ON import_jobs (staff_id, created_at DESC);

CREATE TABLE import_job_rows (
  job_id uuid NOT NULL REFERENCES import_jobs(id),
  row_number integer NOT NULL CHECK (row_number >= 1),
  result text NOT NULL CHECK (result IN ('already_imported', 'error')),
  field text,
  reason_ar text NOT NULL,
  reason_en text NOT NULL,
  PRIMARY KEY (job_id, row_number)
);
COMMENT ON TABLE import_job_rows IS 'Report rows of an import that were not imported (duplicates and errors); imported rows are the employment_registrations with this import_job_id. No personal data: field name and reason only.';
COMMENT ON COLUMN import_job_rows.row_number IS 'Data row number in the file (1 = first row after the header).';
COMMENT ON COLUMN import_job_rows.field IS 'Column at fault (register_number, national_id, name, registration_date, office_code, isco, qualification, experience_years) or NULL for the whole row.';
