import type { ColumnType, Generated } from 'kysely';

/** Kysely table types; each mirrors a migration in apps/api/migrations. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DateOnly = ColumnType<string, string, string>;

export interface GovernoratesTable {
  code: string;
  name_ar: string;
  name_en: string;
  is_governorate: boolean;
}

export interface CountriesTable {
  iso2: string;
  iso3: string;
  name_ar: string;
  name_en: string;
  currency: string;
  currency_minor_units: number;
  dialling_code: string;
}

export interface OccupationsTable {
  code: string;
  level: number;
  parent_code: string | null;
  title_en: string;
  title_ar: string;
  esco_uri: string;
}

export interface OccupationAliasesTable {
  isco: string;
  label: string;
  lang: 'ar' | 'en';
  source: string;
}

export interface DirectoratesTable {
  governorate_code: string;
  name_ar: string;
  name_en: string;
}

export interface OfficesTable {
  id: string;
  code: string;
  directorate_code: string;
  name_ar: string;
  name_en: string;
  seat_ar: string;
  seat_en: string;
  active: Generated<boolean>;
  created_at: Generated<Timestamp>;
}

export interface CitizensTable {
  id: string;
  national_id: string;
  national_id_check_ok: boolean;
  /** `YYYY-MM-DD` (the DATE type parser returns the text as is). */
  birth_date: string;
  sex: 'male' | 'female';
  governorate_code: string;
  name_ar: string;
  name_latin: string;
  mobile: string;
  email: string | null;
  password_hash: string;
  locale: 'ar' | 'en';
  mobile_verified_at: Timestamp | null;
  disabled_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OneTimeCodesTable {
  id: string;
  citizen_id: string;
  purpose: 'verify_mobile';
  code_hash: string;
  attempts: Generated<number>;
  expires_at: Timestamp;
  consumed_at: Timestamp | null;
  created_at: Timestamp;
}

export interface StaffTable {
  id: string;
  email: string;
  name_ar: string;
  name_en: string;
  role: 'clerk' | 'office_head' | 'directorate_manager' | 'hq_admin' | 'auditor' | 'overseas_officer' | 'trainer' | 'training_centre_manager' | 'training_hq';
  office_id: string | null;
  directorate_code: string | null;
  /** 0016: centre of trainers and training-centre managers. */
  training_centre_id: ColumnType<string | null, string | null | undefined, string | null>;
  password_hash: string;
  totp_secret: string;
  totp_last_step: Generated<number>;
  disabled_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  token_hash: string;
  citizen_id: string | null;
  staff_id: string | null;
  /** 0009: employer sessions on partner nodes. */
  employer_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface NotificationOutboxTable {
  id: string;
  channel: 'sms' | 'email';
  recipient: string;
  body_ar: string;
  body_en: string;
  created_at: Timestamp;
}

export interface AuditLogTable {
  seq: number;
  at: Timestamp;
  actor_kind: 'staff' | 'citizen' | 'system' | 'employer';
  actor_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  office_id: string | null;
  details: ColumnType<Record<string, unknown>, string, string>;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

// --- Overseas exchange, origin side (migration 0008_exchange_origin) ---
type Json<T> = ColumnType<T, string, string>;

export interface WorkerProfilesTable {
  citizen_id: string;
  version: Generated<number>;
  skills: Json<string[]>;
  education: string | null;
  languages: Json<{ language: string; level: string }[]>;
  expected_wage_minor: number | null;
  expected_wage_currency: string | null;
  available_from: DateOnly | null;
  passport_number: string | null;
  passport_expiry: DateOnly | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WorkerOccupationsTable {
  citizen_id: string;
  isco: string;
  years: number;
  position: number;
}

export interface WorkerPreferredCountriesTable {
  citizen_id: string;
  country: string;
}

export interface WorkerCertificatesTable {
  id: string;
  citizen_id: string;
  kind: 'skill_level' | 'training';
  isco: string | null;
  level: 'assistant_worker' | 'semi_skilled' | 'skilled' | 'technician' | 'specialised_technician' | null;
  title_ar: string;
  title_en: string;
  issued_at: DateOnly;
  verification_code: string | null;
  source: string;
  source_ref: string;
  revoked_at: Timestamp | null;
  created_at: Timestamp;
}

export interface WorkerCountryLinksTable {
  citizen_id: string;
  country: string;
  profile_id: string;
  entity_version: Generated<number>;
  last_shared_hash: string | null;
  created_at: Timestamp;
}

export interface WorkerConsentsTable {
  id: string;
  citizen_id: string;
  country: string;
  text_version: string;
  profile_fields: Json<string[]>;
  contact_fields: Json<string[]>;
  granted_at: Timestamp;
  withdrawn_at: Timestamp | null;
}

export interface WorkerDisclosuresTable {
  id: string;
  citizen_id: string;
  country: string;
  kind: 'profile_sent' | 'profile_withdrawn' | 'profile_viewed' | 'application_sent' | 'contact_disclosed';
  fields: Json<string[]>;
  employer: Json<Record<string, unknown> | null>;
  message_id: string | null;
  at: Timestamp;
}

export interface ReceivedJobOrdersTable {
  id: string;
  country: string;
  version: number;
  terms: Json<Record<string, unknown>>;
  employer: Json<Record<string, unknown>>;
  isco: string;
  title_ar: string;
  title_en: string;
  city: string;
  employer_pays: boolean;
  status: 'pending_attestation' | 'approved' | 'rejected' | 'changes_requested';
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_reason: string | null;
  received_at: Timestamp;
  updated_at: Timestamp;
}

export interface WorkerApplicationsTable {
  id: string;
  citizen_id: string;
  job_order_id: string;
  country: string;
  profile_id: string;
  submitted_at: Timestamp;
}

export interface WorkerInvitationsTable {
  id: string;
  citizen_id: string;
  country: string;
  profile_id: string;
  job_order_id: string;
  application_id: string | null;
  employer: Json<Record<string, unknown>>;
  message_ar: string | null;
  sent_at: Timestamp;
  received_at: Timestamp;
  status: Generated<'pending' | 'accepted' | 'declined'>;
  responded_at: Timestamp | null;
}

/** 0009: destination side of the overseas employment exchange. */
export interface EmployersTable {
  id: string;
  country: string;
  establishment_number: string;
  name_ar: string;
  name_en: string;
  sector: string;
  city: string;
  rep_name: string;
  rep_email: string;
  rep_mobile: string;
  password_hash: string;
  status: ColumnType<'pending' | 'verified' | 'rejected', 'pending' | 'verified' | 'rejected' | undefined, 'pending' | 'verified' | 'rejected'>;
  decision_reason: string | null;
  decided_at: Timestamp | null;
  decided_by: string | null;
  disabled_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface JobOrdersTable {
  id: string;
  employer_id: string;
  country: string;
  status: ColumnType<'draft' | 'submitted' | 'approved' | 'rejected' | 'changes_requested', 'draft' | 'submitted' | 'approved' | 'rejected' | 'changes_requested' | undefined>;
  version: Generated<number>;
  isco: string;
  title_ar: string;
  title_en: string;
  positions: number;
  currency: string;
  /** bigint: node-postgres returns it as a string. */
  wage_minor: ColumnType<string, number | string, number | string>;
  housing_minor: ColumnType<string | null, number | string | null, number | string | null>;
  transport_minor: ColumnType<string | null, number | string | null, number | string | null>;
  food_minor: ColumnType<string | null, number | string | null, number | string | null>;
  hours_per_week: number;
  rest_days_per_week: number;
  contract_months: number;
  probation_days: number;
  city: string;
  min_years: number;
  languages: ColumnType<{ language: string; level: string }[], string, string>;
  certificate_level: string | null;
  notes_ar: string;
  annual_ticket: boolean;
  end_of_service: boolean;
  medical_insurance: boolean;
  recruitment_costs_borne_by_employer: boolean;
  posted_on: DateOnly | null;
  submitted_at: Timestamp | null;
  decision_reason: string | null;
  decided_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SharedProfilesTable {
  profile_id: string;
  from_country: string;
  version: number;
  profile: ColumnType<Record<string, unknown>, string, string>;
  received_at: Timestamp;
}

export interface CandidateOccupationsTable {
  profile_id: string;
  isco: string;
  isco_minor: string;
  isco_sub_major: string;
  years: number;
  cert_rank: number;
  available_from: DateOnly | null;
  languages: string[];
}

export interface CandidateViewsTable {
  employer_id: string;
  profile_id: string;
  viewed_on: DateOnly;
}

export interface JobApplicationsTable {
  id: string;
  job_order_id: string;
  profile_id: string;
  submitted_at: Timestamp;
  received_at: Timestamp;
}

export interface InvitationsTable {
  id: string;
  employer_id: string;
  job_order_id: string;
  profile_id: string;
  application_id: string | null;
  message_ar: string | null;
  status: ColumnType<'sent' | 'accepted' | 'declined', 'sent' | 'accepted' | 'declined' | undefined>;
  sent_at: Timestamp;
  responded_at: Timestamp | null;
  disclosure: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
}

export interface EmployerNotificationsTable {
  id: string;
  employer_id: string;
  kind: string;
  body_ar: string;
  body_en: string;
  created_at: Timestamp;
}

export interface FederationOutboxTable {
  id: string;
  to_country: string;
  type: string;
  entity_type: string | null;
  entity_id: string | null;
  entity_version: number | null;
  body: ColumnType<Record<string, unknown>, string, string>;
  status: 'pending' | 'delivered' | 'dead' | 'cancelled';
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_attempt_at: Timestamp | null;
  last_error: string | null;
  created_at: Timestamp;
  delivered_at: Timestamp | null;
  message: string | null;
  message_hash: string | null;
  receipt: string | null;
  receipt_status: 'accepted' | 'duplicate' | 'stale' | 'rejected' | null;
}

export interface FederationInboxTable {
  id: string;
  from_country: string;
  type: string;
  entity_type: string | null;
  entity_id: string | null;
  entity_version: number | null;
  status: 'accepted' | 'stale';
  message: string;
  message_hash: string;
  content_hash: string;
  receipt: string;
  issued_at: Timestamp;
  received_at: Timestamp;
}

export interface FederationEntityVersionsTable {
  from_country: string;
  entity_type: string;
  entity_id: string;
  last_version: number;
  last_message_id: string;
  updated_at: Timestamp;
}

// Licensed recruitment agencies and broker reports (migration 0011, Egyptian node).
export type AgencyStatusValue = 'valid' | 'suspended' | 'revoked';

export interface AgenciesTable {
  id: string;
  licence_number: string;
  name_ar: string;
  name_en: string;
  search_text: string;
  legal_form: 'jsc' | 'partnership_limited_by_shares' | 'llc' | 'one_person_company';
  scope: 'domestic' | 'abroad' | 'both';
  /** Piastres; bigint comes back as a string from node-postgres. */
  paid_in_capital_piastres: ColumnType<string | number, number, number>;
  governorate_code: string;
  address: string;
  phone: string;
  licence_issued_on: DateOnly;
  licence_expires_on: DateOnly;
  status: Generated<AgencyStatusValue>;
  status_reason: string | null;
  status_changed_at: Timestamp;
  is_demo: Generated<boolean>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AgencyStatusChangesTable {
  id: string;
  agency_id: string;
  from_status: AgencyStatusValue | null;
  to_status: AgencyStatusValue;
  reason: string;
  changed_by: string | null;
  changed_at: Timestamp;
}

export interface AgencyAuthorisationsTable {
  id: string;
  agency_id: string;
  citizen_id: string;
  granted_at: Timestamp;
  withdrawn_at: Timestamp | null;
}

export interface BrokerReportsTable {
  id: string;
  reference: string;
  claimed_offer: string;
  broker_name: string | null;
  broker_phone: string | null;
  broker_link: string | null;
  promised_country: string | null;
  amount_asked_minor: ColumnType<string | number | null, number | null, number | null>;
  amount_currency: string | null;
  description: string;
  reporter_contact: string | null;
  status: Generated<'new' | 'investigating' | 'referred' | 'closed'>;
  assigned_to: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface BrokerReportEventsTable {
  id: string;
  report_id: string;
  staff_id: string;
  kind: 'status_changed' | 'assigned' | 'note_added';
  from_status: string | null;
  to_status: string | null;
  assigned_to: string | null;
  note: string | null;
  at: Timestamp;
}

// ---------------------------------------------------------------- contracts (0013)
export type ContractStatusColumn =
  | 'draft' | 'submitted' | 'received' | 'checks_failed' | 'awaiting_attestation' | 'offered' | 'rejected'
  | 'amendment_requested' | 'concluded' | 'cancelled' | 'superseded' | 'withdrawn';

export interface ContractsTable {
  id: string;
  version: number;
  employer_id: string;
  invitation_id: string;
  status: ContractStatusColumn;
  terms: Json<Record<string, unknown>>;
  payload: Json<Record<string, unknown>> | null;
  digest: string | null;
  partner_signature: Json<Record<string, unknown>> | null;
  origin_signature: Json<Record<string, unknown>> | null;
  checks: ColumnType<unknown[], string | undefined, string>;
  status_reason: string | null;
  verification_code: string | null;
  verify_url: string | null;
  register_index: ColumnType<string | null, number | null, number | null>;
  history: ColumnType<unknown[], string | undefined, string>;
  out_seq: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DestinationRegistrationsTable {
  id: string;
  contract_id: string;
  version: number;
  employer_id: string;
  terms: Json<Record<string, unknown>>;
  destination_reference: string;
  registered_at: Timestamp;
}

export interface ReceivedContractsTable {
  id: string;
  version: number;
  country: string;
  citizen_id: string;
  invitation_id: string;
  status: Exclude<ContractStatusColumn, 'draft' | 'submitted' | 'received'>;
  payload: Json<Record<string, unknown>>;
  digest: string;
  partner_signature: Json<Record<string, unknown>>;
  checks: ColumnType<unknown[], string, string>;
  status_reason: string | null;
  worker_note: string | null;
  origin_signature: Json<Record<string, unknown>> | null;
  verification_code: string | null;
  register_index: ColumnType<string | null, number | null, number | null>;
  history: ColumnType<unknown[], string | undefined, string>;
  out_seq: Generated<number>;
  received_at: Timestamp;
  offered_at: Timestamp | null;
  responded_at: Timestamp | null;
  concluded_at: Timestamp | null;
  updated_at: Timestamp;
}

export interface ContractAttestationsTable {
  contract_id: string;
  version: number;
  staff_id: string;
  attested_at: Timestamp;
}

export type IssuedDocumentKind = 'contract' | 'employment_registration' | 'skill_certificate' | 'craft_licence' | 'work_permit' | 'training_certificate' | 'exempt_foreigner_notice';
export type IssuedDocumentStatus = 'genuine' | 'cancelled' | 'superseded' | 'revoked';

export interface IssuedDocumentsTable {
  code: string;
  kind: IssuedDocumentKind;
  subject_id: string;
  subject_version: number;
  digest: string;
  payload: Json<Record<string, unknown>>;
  signatures: ColumnType<unknown[], string, string>;
  qr_token: string;
  register_index: ColumnType<string, number, number>;
  status: ColumnType<IssuedDocumentStatus, IssuedDocumentStatus | undefined, IssuedDocumentStatus>;
  superseded_by: string | null;
  status_changed_at: Timestamp | null;
  issued_at: Timestamp;
  holder_citizen_id: string | null;
  title: ColumnType<{ ar: string; en: string } | null, string | null | undefined, string | null>;
  fields: ColumnType<unknown[] | null, string | null | undefined, string | null>;
  valid_until: ColumnType<string | null, string | null | undefined, string | null>;
  status_reason: string | null;
}

export interface ContractAlertsTable {
  id: string;
  contract_id: string;
  version: number;
  citizen_id: string;
  country: string;
  kind: 'destination_registration_differs' | 'second_contract_for_worker';
  diff: ColumnType<unknown[], string, string>;
  destination_reference: string | null;
  created_at: Timestamp;
}

/** Transparency register (migration 0012): RFC 9162 Merkle log, checkpoints, cosignatures, witness state, alerts. */
export interface RegisterStateTable {
  id: Generated<boolean>;
  tree_size: number;
}

export interface RegisterLeavesTable {
  index: number;
  kind: string;
  data: Buffer;
  leaf_hash: Buffer;
  appended_at: Timestamp;
}

export interface RegisterSubtreesTable {
  level: number;
  index: number;
  hash: Buffer;
}

export interface RegisterCheckpointsTable {
  tree_size: number;
  root_hash: Buffer;
  note: string;
  created_at: Timestamp;
}

export interface RegisterCosignaturesTable {
  tree_size: number;
  witness_name: string;
  peer_country: string;
  cosigned_at: number;
  line: string;
  received_at: Timestamp;
}

export interface RegisterWitnessStateTable {
  origin: string;
  peer_country: string;
  tree_size: number;
  root_hash: Buffer;
  note: string;
  updated_at: Timestamp;
}

export interface RegisterAlertsTable {
  id: Generated<number>;
  origin: string;
  peer_country: string | null;
  kind: 'bad_signature' | 'inconsistent' | 'root_mismatch' | 'size_backwards' | 'bad_cosignature' | 'witness_ahead' | 'peer_unreachable' | 'witness_silent';
  tree_size: number | null;
  detail: string;
  evidence: Json<Record<string, unknown>>;
  created_at: Timestamp;
}

/** Migration 0025: the witness poller's outcome per peer (register_peer_polls). */
export interface RegisterPeerPollsTable {
  peer_country: string;
  last_success_at: Timestamp | null;
  failing_since: Timestamp | null;
  consecutive_failures: Generated<number>;
  last_error: string | null;
  unreachable_alerted: Generated<boolean>;
  updated_at: Timestamp;
}

// ---- e-services (issue 5, migration 0014)
export type ServiceApplicationStatusColumn = 'draft' | 'submitted' | 'in_review' | 'info_requested' | 'escalated' | 'approved' | 'issued' | 'rejected' | 'withdrawn';

export interface ServiceApplicationsTable {
  id: string;
  reference: string;
  service_code: string;
  applicant_citizen_id: string | null;
  office_id: string | null;
  directorate_code: string | null;
  status: ServiceApplicationStatusColumn;
  current_step: string | null;
  step_due_at: Timestamp | null;
  sla_remaining_seconds: number | null;
  assigned_staff_id: string | null;
  answers: Json<Record<string, unknown>>;
  declared_documents: ColumnType<string[], string | undefined, string>;
  fee_piastres: number;
  fee_exemption: string | null;
  decision_reason: string | null;
  document_code: string | null;
  submitted_at: Timestamp | null;
  decided_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Migration 0027: the one-open-per-subject key (a work permit's establishment, nationality and passport); NULL for other services. */
  subject_key: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ApplicationEventsTable {
  id: Generated<string>;
  application_id: string;
  at: Timestamp;
  actor_kind: 'citizen' | 'staff' | 'system';
  actor_id: string | null;
  action: string;
  from_status: string | null;
  to_status: string;
  step: string | null;
  note: string | null;
}

export interface ApplicationMessagesTable {
  id: Generated<string>;
  application_id: string;
  at: Timestamp;
  author_kind: 'citizen' | 'staff';
  author_staff_id: string | null;
  body: string;
}

export interface EmploymentRegistrationsTable {
  id: string;
  registration_number: string;
  citizen_id: string | null;
  office_id: string;
  application_id: string | null;
  registered_on: DateOnly;
  isco: string;
  education: string;
  experience_years: number;
  age_at_registration: number;
  status: ColumnType<'active' | 'cancelled', 'active' | 'cancelled' | undefined, 'active' | 'cancelled'>;
  document_code: string | null;
  created_at: Timestamp;
  /** 0019: legacy imports (issue 5 §10). */
  source: ColumnType<'online' | 'legacy_import', 'online' | 'legacy_import' | undefined, 'online' | 'legacy_import'>;
  legacy_register_number: ColumnType<string | null, string | null | undefined, string | null>;
  national_id: ColumnType<string | null, string | null | undefined, string | null>;
  holder_name: ColumnType<string | null, string | null | undefined, string | null>;
  import_job_id: ColumnType<string | null, string | null | undefined, string | null>;
  import_row: ColumnType<number | null, number | null | undefined, number | null>;
}

/** 0019: legacy register imports (issue 5 §10). */
export interface ImportJobsTable {
  id: string;
  kind: 'employment_registrations';
  status: 'queued' | 'running' | 'done' | 'failed';
  file_type: 'csv' | 'xlsx';
  file_bytes: ColumnType<string, number | string, number | string>;
  staff_id: string;
  office_id: string | null;
  directorate_code: string | null;
  rows_read: Generated<number>;
  rows_imported: Generated<number>;
  rows_duplicate: Generated<number>;
  rows_error: Generated<number>;
  failure: string | null;
  created_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
}

export interface ImportJobRowsTable {
  job_id: string;
  row_number: number;
  result: 'already_imported' | 'error';
  field: string | null;
  reason_ar: string;
  reason_en: string;
}

/** 0016: vocational e-learning (issue 6). */
export interface TrainingCentresTable {
  id: string;
  code: string;
  name_ar: string;
  name_en: string;
  governorate_code: string;
  demo: boolean;
  active: Generated<boolean>;
  created_at: Timestamp;
}

export type CourseStatus = 'draft' | 'submitted' | 'published' | 'returned';

export interface CoursesTable {
  id: string;
  centre_id: string;
  title_ar: string;
  title_en: string;
  description_ar: string;
  description_en: string;
  /** 0022: NULL only for a pre-departure orientation course (courses_isco_or_orientation). */
  isco: string | null;
  skill_level: 'assistant_worker' | 'semi_skilled' | 'skilled' | 'technician' | 'specialised_technician' | null;
  status: CourseStatus;
  return_reason: string | null;
  quiz_question_count: number;
  quiz_time_limit_seconds: number;
  quiz_max_attempts: number;
  quiz_pass_percent: number;
  /** 0021: live sessions a trainee must attend to complete the course (0 = none). */
  required_sessions_attended: ColumnType<number, number | undefined, number>;
  created_by: string;
  submitted_by: string | null;
  submitted_at: Timestamp | null;
  approved_by: string | null;
  published_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** 0022: destination (ISO 3166-1 alpha-2) of a pre-departure orientation course; NULL for vocational courses. */
  orientation_country: ColumnType<string | null, string | null | undefined, string | null>;
}

/** 0022: pre-departure orientation courses, one content version per row. */
export interface OrientationCoursesTable {
  course_id: string;
  country: string;
  content_version: string;
  content_sha256: string;
  seeded_at: Timestamp;
  retired_at: Timestamp | null;
}

/** 0022: a worker's completed orientation, recorded beside their contract (never in the signed payload). */
export interface ContractOrientationsTable {
  contract_id: string;
  version: number;
  citizen_id: string;
  country: string;
  course_id: string;
  enrolment_id: string;
  certificate_code: string;
  completed_at: Timestamp;
  recorded_at: Timestamp;
}

export interface CoursePrerequisitesTable {
  course_id: string;
  prerequisite_id: string;
}

export interface CourseModulesTable {
  id: string;
  course_id: string;
  position: number;
  title_ar: string;
  title_en: string;
}

export interface LessonsTable {
  id: string;
  course_id: string;
  module_id: string;
  position: number;
  title_ar: string;
  title_en: string;
  body_ar: string;
  body_en: string;
  video_url: string | null;
  file_id: string | null;
}

export interface LessonFilesTable {
  id: string;
  media_type: 'application/pdf' | 'video/mp4' | 'video/webm';
  size_bytes: number;
  sha256: string;
  created_by: string;
  created_at: Timestamp;
}

/** 0026: a lesson's SCORM 1.2 package. */
export interface ScormPackagesTable {
  id: string;
  lesson_id: string;
  title: string;
  launch_href: string;
  file_count: number;
  size_bytes: ColumnType<string, number | string, number | string>;
  sha256: string;
  created_by: string;
  created_at: Timestamp;
}

/** 0026: the stored files of a SCORM package. */
export interface ScormPackageFilesTable {
  package_id: string;
  path: string;
  storage_id: string;
  media_type: string;
  size_bytes: number;
}

/** 0026: a trainee's SCORM 1.2 run-time data in a lesson. score_raw is numeric (a string when read). */
export interface ScormRuntimeTable {
  enrolment_id: string;
  lesson_id: string;
  lesson_status: 'passed' | 'completed' | 'failed' | 'incomplete' | 'browsed' | 'not attempted';
  score_raw: ColumnType<string | null, string | null, string | null>;
  lesson_location: string;
  suspend_data: string;
  updated_at: Timestamp;
  /** 0029: position of the SCO (scorm_scos.position); 0 for the first. */
  sco: ColumnType<number, number | undefined, number>;
  /** 0029: cmi.core.total_time in centiseconds (bigint: a string when read). */
  total_time_cs: ColumnType<string, number | string | undefined, number | string>;
}

/** 0029: the SCOs of a SCORM package, in delivery order. */
export interface ScormScosTable {
  package_id: string;
  position: number;
  identifier: string;
  title: string;
  launch_href: string;
  /** 0030: adlcp:masteryscore, 0–100 (numeric: a string when read); null when none. */
  mastery_score: ColumnType<string | null, number | string | null | undefined, number | string | null>;
}

/** 0030: a SCO's prerequisites (simple form of adlcp:prerequisites): the earlier SCOs it requires. */
export interface ScormScoPrerequisitesTable {
  package_id: string;
  position: number;
  requires: number;
}

/** 0029: the last cmi.core.session_time (centiseconds, bigint: a string when read) of each launch of a SCORM lesson. */
export interface ScormSessionsTable {
  enrolment_id: string;
  lesson_id: string;
  sco: number;
  launch_key: string;
  session_time_cs: ColumnType<string, number | string, number | string>;
  updated_at: Timestamp;
}

export interface QuizQuestionsTable {
  id: string;
  course_id: string;
  type: 'single_choice' | 'multiple_choice' | 'true_false' | 'short_answer' | 'matching' | 'free_text';
  prompt_ar: string;
  prompt_en: string;
  spec: ColumnType<unknown, string, string>;
  created_at: Timestamp;
}

export interface EnrolmentsTable {
  id: string;
  course_id: string;
  citizen_id: string;
  enrolled_at: Timestamp;
  completed_at: Timestamp | null;
  final_score: number | null;
  certificate_code: string | null;
  /** 0023: the centre manager who enrolled the trainee; NULL = self-enrolment. */
  enrolled_by: ColumnType<string | null, string | null | undefined, string | null>;
}

/** 0021: virtual classrooms (issue 6 §5). */
export interface LiveSessionsTable {
  id: string;
  course_id: string;
  title_ar: string;
  title_en: string;
  starts_at: Timestamp;
  duration_minutes: number;
  capacity: number;
  recording_url: string | null;
  recording_linked_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  created_by: string;
  created_at: Timestamp;
}

export interface LiveSessionBookingsTable {
  id: string;
  session_id: string;
  enrolment_id: string;
  citizen_id: string;
  booked_at: Timestamp;
  cancelled_at: Timestamp | null;
  joined_at: Timestamp | null;
  attended: ColumnType<boolean, boolean | undefined, boolean>;
  attendance_marked_by: string | null;
  attendance_marked_at: Timestamp | null;
}

export interface LiveSessionRemindersTable {
  booking_id: string;
  kind: '24h' | '1h';
  sent_at: Timestamp;
}

export interface LessonCompletionsTable {
  enrolment_id: string;
  lesson_id: string;
  completed_at: Timestamp;
}

export interface QuizAttemptsTable {
  id: string;
  enrolment_id: string;
  citizen_id: string;
  attempt_no: number;
  question_ids: ColumnType<string[], string, string>;
  started_at: Timestamp;
  deadline_at: Timestamp;
  submitted_at: Timestamp | null;
  status: 'open' | 'awaiting_grading' | 'graded' | 'expired';
  answers: ColumnType<unknown, string | null, string | null>;
  score_percent: number | null;
  passed: boolean | null;
  /** 0023: who finalised the free-text grading, and when. */
  graded_by: ColumnType<string | null, string | null | undefined, string | null>;
  graded_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** 0023: the grader's points and feedback per free-text answer. */
export interface QuizAnswerGradesTable {
  attempt_id: string;
  question_id: string;
  points: number;
  max_points: number;
  feedback: string;
  graded_by: string;
  graded_at: Timestamp;
}

/** 0017: skill-level testing, craft-practice licences, foreign work permits (issue 5 §3-§5). */
export interface SkillTestingCentresTable {
  id: string;
  code: string;
  name_ar: string;
  name_en: string;
  governorate_code: string;
  address_ar: string;
  address_en: string;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  /** 0020: last edit by staff. */
  updated_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface SkillTestSessionsTable {
  id: string;
  centre_id: string;
  session_date: DateOnly;
  capacity: number;
  isco_codes: string[];
  created_at: Timestamp;
  /** 0020: last edit by staff. */
  updated_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** 0028: start, Cairo local time, read back as `HH:MM:SS`; defaults to 09:00. */
  start_time: ColumnType<string, string | undefined, string>;
}

export interface SkillTestBookingsTable {
  application_id: string;
  session_id: string;
  isco: string;
  theoretical_score: number | null;
  practical_score: number | null;
  grade: 'assistant_worker' | 'semi_skilled' | 'skilled' | 'technician' | 'specialised_technician' | null;
  examiner_staff_id: string | null;
  results_at: Timestamp | null;
  created_at: Timestamp;
}

export interface CraftLicencesTable {
  id: string;
  licence_number: string;
  citizen_id: string;
  application_id: string;
  isco: string;
  skill_certificate_code: string;
  valid_from: DateOnly;
  valid_until: DateOnly;
  document_code: string | null;
  created_at: Timestamp;
}

export interface WorkPermitsTable {
  id: string;
  permit_number: string;
  application_id: string;
  representative_citizen_id: string;
  office_id: string | null;
  directorate_code: string | null;
  establishment_cr: string;
  establishment_name: string;
  worker_name: string;
  passport_number: string;
  nationality: string;
  isco: string;
  permit_year: number;
  valid_from: DateOnly;
  valid_until: DateOnly;
  status: ColumnType<'active' | 'renewed' | 'cancelled', 'active' | 'renewed' | 'cancelled' | undefined, 'active' | 'renewed' | 'cancelled'>;
  renews_permit_id: string | null;
  /** 0020: Decree 279/2025 short assignment (≤ 14 days) or standard permit. */
  permit_type: ColumnType<'standard' | 'short_assignment', 'standard' | 'short_assignment' | undefined, 'standard' | 'short_assignment'>;
  /** 0020: within the quota or the exception it is granted under. */
  quota_basis: ColumnType<'within_quota' | 'free_zone' | 'small_establishment' | 'committee_approval', 'within_quota' | 'free_zone' | 'small_establishment' | 'committee_approval' | undefined, 'within_quota' | 'free_zone' | 'small_establishment' | 'committee_approval'>;
  document_code: string | null;
  cancelled_at: Timestamp | null;
  cancel_reason: string | null;
  created_at: Timestamp;
}

// ---- e-service documents and fees (issue 5 §6, migration 0018)
export interface ApplicationDocumentsTable {
  id: string;
  application_id: string;
  document_type: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_by_citizen_id: string;
  created_at: Timestamp;
}

export interface ServicePaymentsTable {
  id: string;
  application_id: string;
  amount_piastres: number;
  status: 'pending' | 'paid' | 'waived' | 'refunded';
  method: 'cash' | 'online' | 'exemption';
  receipt_number: string | null;
  provider: string | null;
  provider_ref: string | null;
  recorded_by_staff_id: string | null;
  office_id: string | null;
  created_at: Timestamp;
  paid_at: Timestamp | null;
}

export interface DB {
  governorates: GovernoratesTable;
  countries: CountriesTable;
  occupations: OccupationsTable;
  occupation_aliases: OccupationAliasesTable;
  directorates: DirectoratesTable;
  offices: OfficesTable;
  citizens: CitizensTable;
  one_time_codes: OneTimeCodesTable;
  staff: StaffTable;
  sessions: SessionsTable;
  notification_outbox: NotificationOutboxTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  employers: EmployersTable;
  job_orders: JobOrdersTable;
  shared_profiles: SharedProfilesTable;
  candidate_occupations: CandidateOccupationsTable;
  candidate_views: CandidateViewsTable;
  job_applications: JobApplicationsTable;
  invitations: InvitationsTable;
  employer_notifications: EmployerNotificationsTable;
  federation_outbox: FederationOutboxTable;
  federation_inbox: FederationInboxTable;
  federation_entity_versions: FederationEntityVersionsTable;
  worker_profiles: WorkerProfilesTable;
  worker_occupations: WorkerOccupationsTable;
  worker_preferred_countries: WorkerPreferredCountriesTable;
  worker_certificates: WorkerCertificatesTable;
  worker_country_links: WorkerCountryLinksTable;
  worker_consents: WorkerConsentsTable;
  worker_disclosures: WorkerDisclosuresTable;
  received_job_orders: ReceivedJobOrdersTable;
  worker_applications: WorkerApplicationsTable;
  worker_invitations: WorkerInvitationsTable;
  contracts: ContractsTable;
  destination_registrations: DestinationRegistrationsTable;
  received_contracts: ReceivedContractsTable;
  contract_attestations: ContractAttestationsTable;
  issued_documents: IssuedDocumentsTable;
  contract_alerts: ContractAlertsTable;
  agencies: AgenciesTable;
  agency_status_changes: AgencyStatusChangesTable;
  agency_authorisations: AgencyAuthorisationsTable;
  broker_reports: BrokerReportsTable;
  broker_report_events: BrokerReportEventsTable;
  register_state: RegisterStateTable;
  register_leaves: RegisterLeavesTable;
  register_subtrees: RegisterSubtreesTable;
  register_checkpoints: RegisterCheckpointsTable;
  register_cosignatures: RegisterCosignaturesTable;
  register_witness_state: RegisterWitnessStateTable;
  register_alerts: RegisterAlertsTable;
  register_peer_polls: RegisterPeerPollsTable;
  service_applications: ServiceApplicationsTable;
  application_events: ApplicationEventsTable;
  application_messages: ApplicationMessagesTable;
  employment_registrations: EmploymentRegistrationsTable;
  import_jobs: ImportJobsTable;
  import_job_rows: ImportJobRowsTable;
  training_centres: TrainingCentresTable;
  courses: CoursesTable;
  orientation_courses: OrientationCoursesTable;
  contract_orientations: ContractOrientationsTable;
  course_prerequisites: CoursePrerequisitesTable;
  course_modules: CourseModulesTable;
  lessons: LessonsTable;
  lesson_files: LessonFilesTable;
  scorm_packages: ScormPackagesTable;
  scorm_package_files: ScormPackageFilesTable;
  scorm_runtime: ScormRuntimeTable;
  scorm_sessions: ScormSessionsTable;
  scorm_scos: ScormScosTable;
  scorm_sco_prerequisites: ScormScoPrerequisitesTable;
  quiz_questions: QuizQuestionsTable;
  enrolments: EnrolmentsTable;
  lesson_completions: LessonCompletionsTable;
  quiz_attempts: QuizAttemptsTable;
  quiz_answer_grades: QuizAnswerGradesTable;
  live_sessions: LiveSessionsTable;
  live_session_bookings: LiveSessionBookingsTable;
  live_session_reminders: LiveSessionRemindersTable;
  skill_testing_centres: SkillTestingCentresTable;
  skill_test_sessions: SkillTestSessionsTable;
  skill_test_bookings: SkillTestBookingsTable;
  craft_licences: CraftLicencesTable;
  work_permits: WorkPermitsTable;
  application_documents: ApplicationDocumentsTable;
  service_payments: ServicePaymentsTable;
}
export type { DateOnly };
