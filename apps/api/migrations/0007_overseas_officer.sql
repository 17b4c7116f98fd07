-- HQ overseas-employment officers: attest job orders (Egyptian node) and verify employers (partner nodes).
ALTER TABLE staff DROP CONSTRAINT staff_role_check;
ALTER TABLE staff ADD CONSTRAINT staff_role_check
  CHECK (role IN ('clerk', 'office_head', 'directorate_manager', 'hq_admin', 'auditor', 'overseas_officer'));
ALTER TABLE staff DROP CONSTRAINT staff_scope;
ALTER TABLE staff ADD CONSTRAINT staff_scope CHECK (
  (role IN ('clerk', 'office_head') AND office_id IS NOT NULL AND directorate_code IS NULL) OR
  (role = 'directorate_manager' AND office_id IS NULL AND directorate_code IS NOT NULL) OR
  (role IN ('hq_admin', 'auditor', 'overseas_officer') AND office_id IS NULL AND directorate_code IS NULL)
);
