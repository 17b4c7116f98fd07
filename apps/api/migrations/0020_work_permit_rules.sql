-- E-services (issue 5): the remaining work-permit rules of Ministerial Decree 279/2025 (short assignments,
-- quota exceptions with the higher fee), the exempt-foreigner notice (an exempt foreigner's employer
-- notifies the labour office instead of applying for a permit), and the audit-friendly upkeep of skill
-- testing centres and sessions by HQ and directorate staff. The rules live in
-- apps/api/src/modules/eservices/definitions/work-permit-rules.ts; the figures in apps/api/data/eservices/.

ALTER TABLE work_permits ADD COLUMN permit_type text NOT NULL DEFAULT 'standard' CHECK (permit_type IN ('standard', 'short_assignment'));
COMMENT ON COLUMN work_permits.permit_type IS 'standard = a permit of up to one year (fee by permit year); short_assignment = an assignment of at most 14 days with prior approval (fee 10 % of the wage within a configured minimum and maximum). Decree 279/2025.';
ALTER TABLE work_permits ADD COLUMN quota_basis text NOT NULL DEFAULT 'within_quota' CHECK (quota_basis IN ('within_quota', 'free_zone', 'small_establishment', 'committee_approval'));
COMMENT ON COLUMN work_permits.quota_basis IS 'Why the permit fits the 10 % foreign-worker quota: within it, or above it under an exception of Decree 279/2025 (free zone, small establishment, committee approval), which may carry the higher fee.';
-- A short assignment of one day starts and ends on the same day (valid_until is inclusive).
ALTER TABLE work_permits DROP CONSTRAINT work_permits_check;
ALTER TABLE work_permits ADD CONSTRAINT work_permits_validity CHECK (valid_until >= valid_from);

-- The exempt-foreigner notice issues a signed acknowledgement like the other e-service documents.
ALTER TABLE issued_documents DROP CONSTRAINT issued_documents_kind_check;
ALTER TABLE issued_documents ADD CONSTRAINT issued_documents_kind_check CHECK (kind IN ('contract', 'employment_registration', 'skill_certificate', 'craft_licence', 'work_permit', 'training_certificate', 'exempt_foreigner_notice'));

-- An establishment's representative files notices for several exempt workers at once, as for permits.
DROP INDEX service_applications_one_open;
CREATE UNIQUE INDEX service_applications_one_open ON service_applications (applicant_citizen_id, service_code) WHERE status IN ('draft', 'submitted', 'in_review', 'info_requested', 'escalated', 'approved') AND service_code NOT IN ('work_permit', 'exempt_foreigner_notice');

-- Testing centres and sessions are kept by staff (HQ everywhere, a directorate manager in their
-- governorate): when each row was last changed. The changes themselves are in the audit log.
ALTER TABLE skill_testing_centres ADD COLUMN updated_at timestamptz;
COMMENT ON COLUMN skill_testing_centres.updated_at IS 'Last edit by staff (NULL = never edited since creation); what changed is in the audit log.';
ALTER TABLE skill_test_sessions ADD COLUMN updated_at timestamptz;
COMMENT ON COLUMN skill_test_sessions.updated_at IS 'Last edit by staff (NULL = never edited since creation); what changed is in the audit log.';
CREATE INDEX skill_testing_centres_governorate_idx ON skill_testing_centres (governorate_code);
