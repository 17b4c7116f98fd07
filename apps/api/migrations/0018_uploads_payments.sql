-- Documents and fees of e-service applications (issue 5 §6): uploaded documents (bytes kept in a
-- DocumentStore — local disk or S3-compatible — under a random id, never the user's file name) and
-- fee payments (at the counter by a clerk, online through a payment provider with a signed callback,
-- or waived by an exemption).

CREATE TABLE application_documents (
  id uuid PRIMARY KEY,
  application_id uuid NOT NULL REFERENCES service_applications(id),
  document_type text NOT NULL,
  content_type text NOT NULL,
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  uploaded_by_citizen_id uuid NOT NULL REFERENCES citizens(id),
  created_at timestamptz NOT NULL
);
COMMENT ON TABLE application_documents IS 'A document uploaded to an e-service application. The bytes live in the document store (UPLOADS_STORE) under the row id; the user''s file name is never stored or used.';
COMMENT ON COLUMN application_documents.id IS 'Random id (UUID v4): also the storage key of the bytes.';
COMMENT ON COLUMN application_documents.document_type IS 'Type key of the definition''s document list (national_id_copy, photo, ...).';
COMMENT ON COLUMN application_documents.content_type IS 'MIME type sniffed from the content (magic bytes), one of the type''s acceptedMimeTypes; the client''s Content-Type and file name are not trusted.';
COMMENT ON COLUMN application_documents.size_bytes IS 'Size in bytes (at most the type''s maxBytes).';
COMMENT ON COLUMN application_documents.sha256 IS 'SHA-256 of the bytes, lower-case hex (integrity check on download).';
CREATE INDEX application_documents_application_idx ON application_documents (application_id, created_at);

CREATE TABLE service_payments (
  id uuid PRIMARY KEY,
  application_id uuid NOT NULL REFERENCES service_applications(id),
  amount_piastres integer NOT NULL CHECK (amount_piastres >= 0),
  status text NOT NULL CHECK (status IN ('pending', 'paid', 'waived', 'refunded')),
  method text NOT NULL CHECK (method IN ('cash', 'online', 'exemption')),
  receipt_number text,
  provider text,
  provider_ref text UNIQUE,
  recorded_by_staff_id uuid REFERENCES staff(id),
  office_id uuid REFERENCES offices(id),
  created_at timestamptz NOT NULL,
  paid_at timestamptz,
  CHECK (method <> 'cash' OR (receipt_number IS NOT NULL AND recorded_by_staff_id IS NOT NULL)),
  CHECK (method <> 'online' OR (provider IS NOT NULL AND provider_ref IS NOT NULL))
);
COMMENT ON TABLE service_payments IS 'Fee payments of e-service applications: cash at the office counter (clerk, receipt number), online through a payment provider (pending until its signed callback), or waived by an exemption.';
COMMENT ON COLUMN service_payments.amount_piastres IS 'Amount in piastres (EGP minor units, 1/100): the application''s fee_piastres at the time.';
COMMENT ON COLUMN service_payments.status IS 'pending (online checkout started), paid, waived (exemption), refunded.';
COMMENT ON COLUMN service_payments.receipt_number IS 'Number of the paper receipt handed over at the counter (cash payments).';
COMMENT ON COLUMN service_payments.provider IS 'Payment provider name (e.g. fake in development).';
COMMENT ON COLUMN service_payments.provider_ref IS 'The provider''s checkout reference; its signed callback names it (idempotency key).';
COMMENT ON COLUMN service_payments.office_id IS 'Office whose counter took a cash payment.';
CREATE INDEX service_payments_application_idx ON service_payments (application_id, created_at);
-- At most one settled (paid or waived) payment per application: a second callback or a second cash entry cannot double-record.
CREATE UNIQUE INDEX service_payments_one_settled ON service_payments (application_id) WHERE status IN ('paid', 'waived');
-- A receipt number is used once.
CREATE UNIQUE INDEX service_payments_receipt_unique ON service_payments (receipt_number) WHERE receipt_number IS NOT NULL;
