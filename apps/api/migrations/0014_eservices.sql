-- E-services (issue 5): one application workflow for every service definition, its timeline and
-- messages, and the employment registration register (Law 14/2025 Art. 33).

CREATE TABLE service_applications (
  id uuid PRIMARY KEY,
  reference text NOT NULL UNIQUE,
  service_code text NOT NULL,
  applicant_citizen_id uuid REFERENCES citizens(id),
  office_id uuid REFERENCES offices(id),
  directorate_code text REFERENCES directorates(governorate_code),
  status text NOT NULL CHECK (status IN ('draft', 'submitted', 'in_review', 'info_requested', 'escalated', 'approved', 'issued', 'rejected', 'withdrawn')),
  current_step text,
  step_due_at timestamptz,
  sla_remaining_seconds integer,
  assigned_staff_id uuid REFERENCES staff(id),
  answers jsonb NOT NULL,
  declared_documents jsonb NOT NULL DEFAULT '[]',
  fee_piastres integer NOT NULL CHECK (fee_piastres >= 0),
  fee_exemption text,
  decision_reason text,
  document_code text,
  submitted_at timestamptz,
  decided_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
COMMENT ON TABLE service_applications IS 'One citizen''s (or establishment''s) application for an e-service; the service''s rules live in code (apps/api/src/modules/eservices/definitions). Personal data: answers.';
COMMENT ON COLUMN service_applications.reference IS 'Human reference quoted by phone or at the counter, e.g. ER-2026-000042 (service prefix, year, serial).';
COMMENT ON COLUMN service_applications.service_code IS 'Code of the service definition, e.g. employment_registration.';
COMMENT ON COLUMN service_applications.office_id IS 'The labour office whose queue holds the application (residence office for Art. 33); NULL when routed to a directorate or HQ.';
COMMENT ON COLUMN service_applications.directorate_code IS 'Directorate (governorate code) over the office, or the routed directorate; scopes directorate managers.';
COMMENT ON COLUMN service_applications.current_step IS 'Key of the definition step now being worked (office_review, directorate_decision, ...); NULL before submission and once closed.';
COMMENT ON COLUMN service_applications.step_due_at IS 'SLA deadline of the current step (entered_at + step SLA hours); NULL while the clock is stopped (waiting for the citizen) or closed. Breached = step_due_at < now(), computed in queries.';
COMMENT ON COLUMN service_applications.sla_remaining_seconds IS 'While information is requested from the applicant: the SLA time left on the step, restored when they answer.';
COMMENT ON COLUMN service_applications.answers IS 'Form answers, validated against the definition''s form schema.';
COMMENT ON COLUMN service_applications.declared_documents IS 'Document type keys the applicant declared they hold (uploads come later).';
COMMENT ON COLUMN service_applications.fee_piastres IS 'Fee computed by the definition''s rule, in piastres (EGP minor units, 1/100).';
COMMENT ON COLUMN service_applications.fee_exemption IS 'Code of the fee exemption applied, if any.';
COMMENT ON COLUMN service_applications.document_code IS 'Verification code of the issued document (issued_documents.code).';
-- The office queue: open applications of an office, oldest due first.
CREATE INDEX service_applications_queue_idx ON service_applications (office_id, step_due_at, id) WHERE status IN ('submitted', 'in_review', 'info_requested', 'escalated');
CREATE INDEX service_applications_directorate_idx ON service_applications (directorate_code, step_due_at, id) WHERE status IN ('submitted', 'in_review', 'info_requested', 'escalated');
CREATE INDEX service_applications_office_status_idx ON service_applications (office_id, status, created_at);
CREATE INDEX service_applications_citizen_idx ON service_applications (applicant_citizen_id, created_at DESC);
-- One open application per applicant and service.
CREATE UNIQUE INDEX service_applications_one_open ON service_applications (applicant_citizen_id, service_code) WHERE status IN ('draft', 'submitted', 'in_review', 'info_requested', 'escalated', 'approved');

CREATE SEQUENCE service_application_serial;
COMMENT ON SEQUENCE service_application_serial IS 'Serial part of service_applications.reference.';

CREATE TABLE application_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  application_id uuid NOT NULL REFERENCES service_applications(id),
  at timestamptz NOT NULL,
  actor_kind text NOT NULL CHECK (actor_kind IN ('citizen', 'staff', 'system')),
  actor_id uuid,
  action text NOT NULL,
  from_status text,
  to_status text NOT NULL,
  step text,
  note text
);
CREATE INDEX application_events_application_idx ON application_events (application_id, id);
COMMENT ON COLUMN application_events.id IS 'Insertion order: the timeline order (several events may share a timestamp).';
COMMENT ON TABLE application_events IS 'Timeline of an application: every transition (who, when, from -> to, note), shown to the applicant and staff.';
COMMENT ON COLUMN application_events.action IS 'created, submitted, assigned, info_requested, info_answered, approved, escalated, transferred, rejected, withdrawn, issued.';
COMMENT ON COLUMN application_events.note IS 'Free text written by the actor (info request, reason, transfer note); shown to the applicant.';

CREATE TABLE application_messages (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  application_id uuid NOT NULL REFERENCES service_applications(id),
  at timestamptz NOT NULL,
  author_kind text NOT NULL CHECK (author_kind IN ('citizen', 'staff')),
  author_staff_id uuid REFERENCES staff(id),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000)
);
CREATE INDEX application_messages_application_idx ON application_messages (application_id, id);
COMMENT ON TABLE application_messages IS 'Messages between the applicant and the office about one application (information requests and answers included).';

CREATE SEQUENCE employment_registration_serial;
COMMENT ON SEQUENCE employment_registration_serial IS 'Serial part of employment_registrations.registration_number.';

CREATE TABLE employment_registrations (
  id uuid PRIMARY KEY,
  registration_number text NOT NULL UNIQUE,
  citizen_id uuid NOT NULL REFERENCES citizens(id),
  office_id uuid NOT NULL REFERENCES offices(id),
  application_id uuid UNIQUE REFERENCES service_applications(id),
  registered_on date NOT NULL,
  isco text NOT NULL REFERENCES occupations(code),
  education text NOT NULL,
  experience_years smallint NOT NULL CHECK (experience_years BETWEEN 0 AND 60),
  age_at_registration smallint NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled')),
  document_code text,
  created_at timestamptz NOT NULL
);
COMMENT ON TABLE employment_registrations IS 'Register of persons able and willing to work, kept by the labour office of their residence (Law 14/2025 Art. 33); the certificate «كعب العمل» is its extract.';
COMMENT ON COLUMN employment_registrations.registration_number IS 'Number printed on the certificate: office code, year, serial.';
COMMENT ON COLUMN employment_registrations.registered_on IS 'Registration date: the priority key employers must respect when filling vacancies (Art. 33).';
COMMENT ON COLUMN employment_registrations.isco IS 'Occupation, ISCO-08 unit group (4 digits).';
COMMENT ON COLUMN employment_registrations.education IS 'Qualification: education level (EducationLevel in @rabt/contracts).';
COMMENT ON COLUMN employment_registrations.age_at_registration IS 'Age in whole years on registered_on, from the national ID birth date.';
CREATE UNIQUE INDEX employment_registrations_one_active ON employment_registrations (citizen_id) WHERE status = 'active';
CREATE INDEX employment_registrations_priority_idx ON employment_registrations (office_id, isco, registered_on, registration_number) WHERE status = 'active';
