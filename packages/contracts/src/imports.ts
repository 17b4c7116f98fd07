import { z } from 'zod';

/**
 * Legacy register imports (issue 5 §10) and the e-services dashboards (issue 5 §11): REST contracts
 * shared by the API and the web app.
 */

/** MIME types of an import file: CSV (RFC 4180) or XLSX (ECMA-376 Office Open XML spreadsheet). */
export const IMPORT_CSV_TYPE = 'text/csv';
export const IMPORT_XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Largest accepted import file, bytes (per-route body limit). */
export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;

/**
 * Columns of a legacy register file, in any order; the header row names them in English (below) or in
 * Arabic (IMPORT_COLUMN_ALIASES_AR). office_code may be left out when the upload names the office.
 */
export const IMPORT_COLUMNS = ['register_number', 'national_id', 'name', 'registration_date', 'office_code', 'isco', 'qualification', 'experience_years'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export const IMPORT_COLUMN_ALIASES_AR: Record<string, ImportColumn> = {
  'رقم القيد': 'register_number',
  'الرقم القومي': 'national_id',
  'الاسم': 'name',
  'تاريخ القيد': 'registration_date',
  'كود المكتب': 'office_code',
  'رمز المكتب': 'office_code',
  'المهنة': 'isco',
  'رمز المهنة': 'isco',
  'المؤهل': 'qualification',
  'سنوات الخبرة': 'experience_years',
};
/**
 * The columns as the import page and guide name them; a header cell may also be written this way, with or
 * without the English key in brackets ("المهنة (ISCO-08) (isco)", "Occupation (ISCO-08)").
 */
export const IMPORT_COLUMN_LABELS: Record<ImportColumn, { ar: string; en: string }> = {
  register_number: { ar: 'رقم القيد', en: 'Register number' },
  national_id: { ar: 'الرقم القومي', en: 'National ID' },
  name: { ar: 'الاسم', en: 'Name' },
  registration_date: { ar: 'تاريخ القيد', en: 'Registration date' },
  office_code: { ar: 'رمز المكتب', en: 'Office code' },
  isco: { ar: 'المهنة (ISCO-08)', en: 'Occupation (ISCO-08)' },
  qualification: { ar: 'المؤهل', en: 'Qualification' },
  experience_years: { ar: 'سنوات الخبرة', en: 'Years of experience' },
};

/** Upload options: `office` = code of the office whose register this is (rows with a blank office code take it). */
export const ImportUploadQuery = z.strictObject({ office: z.string().trim().min(1).max(40).optional() });

export const ImportJobStatus = z.enum(['queued', 'running', 'done', 'failed']);
export type ImportJobStatus = z.infer<typeof ImportJobStatus>;

/** An import job and its progress (counts only; no personal data). rowsRead = imported + duplicates + errors. */
export const ImportJob = z.object({
  id: z.uuid(),
  status: ImportJobStatus,
  fileType: z.enum(['csv', 'xlsx']),
  fileBytes: z.number().int(),
  officeCode: z.string().nullable(),
  rowsRead: z.number().int(),
  rowsImported: z.number().int(),
  rowsDuplicate: z.number().int(),
  rowsError: z.number().int(),
  /** Bytes of the file parsed so far ÷ file size, 0–100 (an estimate while running; 100 when done). */
  percent: z.number().int().min(0).max(100),
  failure: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportJob = z.infer<typeof ImportJob>;

export const ImportReportRowResult = z.enum(['imported', 'already_imported', 'error']);
export type ImportReportRowResult = z.infer<typeof ImportReportRowResult>;
/** A row's result in words (the import page and the report CSV). */
export const IMPORT_REPORT_RESULT_LABELS: Record<ImportReportRowResult, { ar: string; en: string }> = {
  imported: { ar: 'مستورد', en: 'Imported' },
  already_imported: { ar: 'مستورد من قبل', en: 'Already imported' },
  error: { ar: 'خطأ', en: 'Error' },
};
/** One report row (a page of the report; the full report is GET /imports/{id}/report.csv). */
export const ImportReportRow = z.object({
  row: z.number().int(),
  result: ImportReportRowResult,
  /** The columns at fault joined with commas (IMPORT_COLUMNS order), or null. */
  field: z.string().nullable(),
  /** Every column at fault of the row (a row can fail on several). */
  fields: z.array(z.string()).default([]),
  /** The reasons, one per column at fault, joined with «؛» (Arabic) and «;» (English). */
  reason: z.object({ ar: z.string(), en: z.string() }).nullable(),
});
export type ImportReportRow = z.infer<typeof ImportReportRow>;
/** The rows that were not imported (duplicates and errors), first 500, in file order. */
export const ImportIssues = z.object({ rows: z.array(ImportReportRow), truncated: z.boolean() });
export type ImportIssues = z.infer<typeof ImportIssues>;

// ---------------------------------------------------------------- dashboards

export const DashboardScope = z.enum(['office', 'directorate', 'hq']);
export type DashboardScope = z.infer<typeof DashboardScope>;
export const DashboardTable = z.enum(['by_status', 'by_service', 'sla', 'processing', 'registrations']);
export type DashboardTable = z.infer<typeof DashboardTable>;

/**
 * Dashboard query: `scope` (office: the caller's office, or `office` for directorate/HQ staff;
 * directorate: the caller's directorate, or `directorate` for HQ; hq: everything); `from`/`to` are
 * dates (YYYY-MM-DD, inclusive) on the submission date (registrations: the date recorded).
 */
export const DashboardQuery = z.strictObject({
  scope: DashboardScope,
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  office: z.string().trim().min(1).max(40).optional(),
  directorate: z.string().regex(/^\d{2}$/).optional(),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;
/** Language of a CSV export's header row and of the labels that replace codes (status, service, office): Arabic unless `en`. */
export const ExportLang = z.enum(['ar', 'en']);
export type ExportLang = z.infer<typeof ExportLang>;
export const DashboardExportQuery = DashboardQuery.extend({ table: DashboardTable, lang: ExportLang.default('ar') });
/** Query of GET /imports/{id}/report.csv. */
export const ImportReportQuery = z.strictObject({ lang: ExportLang.default('ar') });

const OfficeRef = { officeCode: z.string(), officeNameAr: z.string(), officeNameEn: z.string() };
export const ApplicationsDashboard = z.object({
  scope: DashboardScope,
  /** What the scope covers: an office code, a directorate (governorate) code, or `EG`. */
  scopeKey: z.string(),
  /** The scope's name: the office's, the directorate's, or the whole country's. */
  scopeNameAr: z.string(),
  scopeNameEn: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  /** Applications by status (drafts excluded). */
  byStatus: z.array(z.object({ status: z.string(), count: z.number().int() })),
  byService: z.array(z.object({ serviceCode: z.string(), count: z.number().int() })),
  /** Per office: open applications and those past their step deadline (step_due_at < now). */
  sla: z.array(z.object({ ...OfficeRef, open: z.number().int(), breached: z.number().int() })),
  /** Per office: decided applications and the median hours from submission to decision (percentile_cont 0.5). */
  processing: z.array(z.object({ ...OfficeRef, decided: z.number().int(), medianHours: z.number().nullable() })),
  /** Per office: employment registrations by source (legacy_import vs online). */
  registrations: z.array(z.object({ ...OfficeRef, imported: z.number().int(), online: z.number().int() })),
});
export type ApplicationsDashboard = z.infer<typeof ApplicationsDashboard>;
