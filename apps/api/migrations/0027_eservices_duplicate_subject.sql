-- E-services (issue 5): one open application per subject. The one-open rule of 0014/0020 is per applicant
-- and service; an establishment's representative may have several work-permit applications open (one per
-- foreign worker), but never two for the same worker (same establishment, nationality and passport number):
-- the second would be a duplicate review, fee and permit. The key is computed by the service definition
-- (apps/api/src/modules/eservices/definitions/work-permit.ts, `subjectKey`) from the normalised answers, so
-- that a passport typed «a ١٢٣٤٥٦٧» and «A1234567» is the same worker.

ALTER TABLE service_applications ADD COLUMN subject_key text;
COMMENT ON COLUMN service_applications.subject_key IS 'What the application is about, for the one-open-per-subject rule: for a work permit «<commercial register>|<nationality ISO 3166-1>|<passport number>» (normalised: ASCII digits, no spaces, upper case). NULL for services without the rule. Kept in step with the answers (corrected answers update it).';

-- Existing work-permit applications: the same normalisation in SQL (Arabic-Indic and Persian digits to ASCII,
-- whitespace removed, upper case).
UPDATE service_applications
SET subject_key =
  translate(regexp_replace(coalesce(answers->>'crNumber', ''), '\s+', '', 'g'), '٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹', '01234567890123456789')
  || '|' || coalesce(answers->>'nationality', '')
  || '|' || upper(translate(regexp_replace(coalesce(answers->>'passportNumber', ''), '\s+', '', 'g'), '٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹', '01234567890123456789'))
WHERE service_code = 'work_permit';

-- Duplicates opened before this rule: the oldest open one keeps the key, the later ones are left without it
-- (they stay open and are decided as before; nothing is closed by a migration).
UPDATE service_applications a
SET subject_key = NULL
FROM (
  SELECT id, row_number() OVER (PARTITION BY service_code, subject_key ORDER BY created_at, id) AS n
  FROM service_applications
  WHERE subject_key IS NOT NULL AND status IN ('draft', 'submitted', 'in_review', 'info_requested', 'escalated', 'approved')
) d
WHERE a.id = d.id AND d.n > 1;

-- Two racing requests for the same worker cannot both win: the second insert fails on this index (409
-- service_application_duplicate). Rejected, withdrawn and issued applications leave it, so a new application (or a
-- renewal, once the permit is issued) can be made.
CREATE UNIQUE INDEX service_applications_one_open_subject ON service_applications (service_code, subject_key)
  WHERE subject_key IS NOT NULL AND status IN ('draft', 'submitted', 'in_review', 'info_requested', 'escalated', 'approved');
