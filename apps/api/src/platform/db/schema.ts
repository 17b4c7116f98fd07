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
  role: 'clerk' | 'office_head' | 'directorate_manager' | 'hq_admin' | 'auditor' | 'overseas_officer';
  office_id: string | null;
  directorate_code: string | null;
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
  actor_kind: 'staff' | 'citizen' | 'system';
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

export interface DB {
  governorates: GovernoratesTable;
  countries: CountriesTable;
  occupations: OccupationsTable;
  directorates: DirectoratesTable;
  offices: OfficesTable;
  citizens: CitizensTable;
  one_time_codes: OneTimeCodesTable;
  staff: StaffTable;
  sessions: SessionsTable;
  notification_outbox: NotificationOutboxTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
}
export type { DateOnly };
