-- Signed documents of every kind (issue 4's trust layer, used by e-services in issue 5): contracts are
-- signed by two ministries; certificates, licences and permits by this node alone. Each has a holder (the
-- citizen who may download it), a title, the key facts /verify shows (names masked), and a validity.

ALTER TABLE issued_documents DROP CONSTRAINT issued_documents_kind_check;
ALTER TABLE issued_documents ADD CONSTRAINT issued_documents_kind_check CHECK (kind IN ('contract', 'employment_registration', 'skill_certificate', 'craft_licence', 'work_permit', 'training_certificate'));
ALTER TABLE issued_documents DROP CONSTRAINT issued_documents_status_check;
ALTER TABLE issued_documents ADD CONSTRAINT issued_documents_status_check CHECK (status IN ('genuine', 'cancelled', 'superseded', 'revoked'));
ALTER TABLE issued_documents ADD COLUMN holder_citizen_id uuid REFERENCES citizens(id);
ALTER TABLE issued_documents ADD COLUMN title jsonb;
ALTER TABLE issued_documents ADD COLUMN fields jsonb;
ALTER TABLE issued_documents ADD COLUMN valid_until date;
ALTER TABLE issued_documents ADD COLUMN status_reason text;
CREATE INDEX issued_documents_holder_idx ON issued_documents (holder_citizen_id, issued_at DESC) WHERE holder_citizen_id IS NOT NULL;
COMMENT ON COLUMN issued_documents.holder_citizen_id IS 'The citizen the document was issued to (downloads its PDF and offline file); NULL for contracts, whose holder is found through received_contracts.';
COMMENT ON COLUMN issued_documents.title IS 'Document title {ar, en} (NULL for contracts: built from the terms).';
COMMENT ON COLUMN issued_documents.fields IS 'Key facts [{key, label {ar,en}, value {ar,en}}] shown on /verify and in the PDF; the field with key holder is masked on /verify.';
COMMENT ON COLUMN issued_documents.status_reason IS 'Why the document was revoked or cancelled (shown on /verify).';
