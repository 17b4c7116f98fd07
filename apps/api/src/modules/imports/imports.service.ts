import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { IMPORT_COLUMN_LABELS, IMPORT_CSV_TYPE, IMPORT_MAX_BYTES, IMPORT_REPORT_RESULT_LABELS, IMPORT_XLSX_TYPE, type ExportLang, type ImportColumn, type ImportIssues, type ImportJob, type ImportReportRowResult } from '@rabt/contracts';
import type { AppDeps } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { StaffPrincipal } from '../../platform/auth/principal.ts';
import type { ImportJobRowsTable } from '../../platform/db/schema.ts';
import { officeInScope, officeScopeOf } from '../offices/office-scope.ts';
import { joinRowErrors, mapHeader, rowContext, validateRow, type LegacyRegistration, type OfficeInfo, type RowContext } from './legacy-row.ts';
import { openRegister, type RegisterReader, type SheetRow } from './register-reader.ts';
import * as repo from './imports.repository.ts';

/**
 * Legacy register imports (issue 5 §10): an office head or a directorate manager uploads a paper
 * register of employment registrations (Law 14/2025 Art. 33) as CSV or XLSX; the file is streamed to a
 * temporary file, its header checked, a job created (202), and the rows then parsed a chunk at a time
 * (register-reader.ts), validated (legacy-row.ts) and written in batches of BATCH rows, each batch in one
 * transaction with its report rows and the job's counts (the progress the web page polls). Writing a
 * batch overlaps with reading the next one (at most two batches in memory: memory stays flat); the
 * import is audited once when it starts and once when it ends, its report keeps every row.
 *
 * Every row gets exactly one result: imported | already_imported | error (field + bilingual reason);
 * rows read = imported + duplicates + errors, asserted at the end and enforced by a CHECK on the job.
 *
 * Idempotency key: (office, legacy register number) — the line of the office's paper register, unique
 * per office by construction of the paper book; the registration number given is `<office code>-L-<number>`.
 * Re-importing the same file answers already_imported for every row and writes nothing new. The same
 * key with another national ID is an error (register_number), and a person who already holds an active
 * registration (online, or another legacy line) gets an error on national_id: one active registration
 * per person (partial unique indexes).
 *
 * Linking: a row whose national ID has a citizen account is linked to it; otherwise it is held unlinked
 * (national ID and name kept on the row) and linked by a trigger when that citizen's account is created,
 * so the citizen finds their registration with its ORIGINAL date — the Art. 33 priority key — and the
 * e-service's "already registered" rule applies to them.
 */
export type ImportsDeps = Pick<AppDeps, 'db' | 'clock'>;

const BATCH = 5000;
const UPLOADERS = ['office_head', 'directorate_manager'] as const;
const READ_ALL = ['hq_admin', 'auditor'];

export interface StartedImport {
  job: ImportJob;
  /** Parses and writes the rows; resolves when the job is done or failed (never rejects). */
  run(): Promise<void>;
}

type JobRow = NonNullable<Awaited<ReturnType<typeof repo.findJob>>>;

function view(j: Omit<JobRow, 'office_code'> & { office_code?: string | null }, percent?: number): ImportJob {
  const done = j.status === 'done' || j.status === 'failed';
  return {
    id: j.id,
    status: j.status,
    fileType: j.file_type,
    fileBytes: Number(j.file_bytes),
    officeCode: j.office_code ?? null,
    rowsRead: j.rows_read,
    rowsImported: j.rows_imported,
    rowsDuplicate: j.rows_duplicate,
    rowsError: j.rows_error,
    percent: done ? 100 : Math.min(99, Math.max(0, Math.round(percent ?? 0))),
    failure: j.failure,
    createdAt: new Date(j.created_at).toISOString(),
    finishedAt: j.finished_at ? new Date(j.finished_at).toISOString() : null,
  };
}

/** Bytes parsed so far of running jobs (this process), for the progress percent. */
const progress = new Map<string, { read: () => number; total: number }>();

/** Copies the upload to a temporary file, counting bytes (413 beyond IMPORT_MAX_BYTES), and sniffs its type. */
async function receive(body: Readable, declared: 'csv' | 'xlsx'): Promise<{ dir: string; path: string; bytes: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'rabt-import-'));
  const path = join(dir, `register.${declared}`);
  let bytes = 0;
  let head = Buffer.alloc(0);
  try {
    await pipeline(
      body,
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          bytes += chunk.length;
          if (bytes > IMPORT_MAX_BYTES) throw new AppError('payload_too_large');
          if (head.length < 65536) head = Buffer.concat([head, chunk.subarray(0, 65536 - head.length)]);
          yield chunk;
        }
      },
      createWriteStream(path),
    );
    if (bytes === 0) throw new AppError('import_file_empty');
    const isZip = head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    if (declared === 'xlsx' && !isZip) throw new AppError('import_file_type', { detail: 'The content is not an XLSX workbook.' });
    if (declared === 'csv') {
      // CSV must be UTF-8 text: no NUL bytes, and decodable (a multi-byte character cut at the end is fine).
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
      } catch {
        throw new AppError('import_file_type', { detail: 'The CSV file is not UTF-8 text.' });
      }
      if (isZip || head.includes(0)) throw new AppError('import_file_type', { detail: 'The content is not CSV text.' });
    }
    return { dir, path, bytes };
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}

/**
 * Receives an upload and starts its job. `contentType` is the request's media type (text/csv or the
 * XLSX type); `officeCode` optionally names the office whose register it is (must be in scope).
 * Errors: 403 `forbidden` (not an office head or directorate manager), 403 `out_of_scope` (the named
 * office), 400 `validation_failed` (unknown office at /office), 413 `payload_too_large`, 400
 * `import_file_empty` (no bytes, or a header without data rows), 415 `import_file_type` (content does
 * not match the type), 400 `import_file_columns` (detail: the missing columns).
 */
export async function startImport(deps: ImportsDeps, staff: StaffPrincipal, input: { body: Readable; contentType: string; officeCode?: string | undefined }): Promise<StartedImport> {
  if (!(UPLOADERS as readonly string[]).includes(staff.role)) throw new AppError('forbidden');
  const scope = officeScopeOf(staff);
  const offices = new Map<string, OfficeInfo>((await repo.allOffices(deps.db)).map((o) => [o.code, { id: o.id, code: o.code, directorateCode: o.directorate_code }]));
  let defaultOffice: OfficeInfo | null = null;
  if (input.officeCode) {
    defaultOffice = offices.get(input.officeCode.toUpperCase()) ?? null;
    if (!defaultOffice) throw new AppError('validation_failed', { fieldErrors: [{ pointer: '/office', code: 'invalid_value', message: { ar: 'رمز مكتب العمل غير موجود.', en: 'Unknown labour office code.' } }] });
    if (!officeInScope(scope, defaultOffice)) throw new AppError('out_of_scope');
  } else if (scope.kind === 'office') {
    defaultOffice = [...offices.values()].find((o) => o.id === scope.officeId) ?? null;
  }
  const type = input.contentType === IMPORT_XLSX_TYPE ? 'xlsx' : input.contentType === IMPORT_CSV_TYPE ? 'csv' : null;
  if (!type) throw new AppError('import_file_type');
  const file = await receive(input.body, type);
  let reader: RegisterReader | undefined;
  try {
    reader = openRegister(file.path, type);
    const opened = reader;
    const nextChunk = async (): Promise<SheetRow[]> => {
      try {
        const c = await opened.chunks.next();
        return c.done ? [] : c.value;
      } catch {
        throw new AppError('import_file_type', { detail: `The file could not be read as ${type.toUpperCase()}.` });
      }
    };
    const head = await nextChunk();
    const header = head[0];
    const first = head.length > 1 ? head.slice(1) : header ? await nextChunk() : [];
    if (!header || first.length === 0) throw new AppError('import_file_empty');
    const { positions, missing } = mapHeader(header.cells, defaultOffice !== null);
    if (missing.length > 0) throw new AppError('import_file_columns', { detail: `Missing columns: ${missing.join(', ')}.`, extensions: { missingColumns: missing.join(','), missingColumnsAr: missing.map((c) => IMPORT_COLUMN_LABELS[c].ar).join('، ') } });

    const now = deps.clock();
    const jobId = randomUUID();
    const directorateCode = defaultOffice?.directorateCode ?? (scope.kind === 'directorate' ? scope.directorateCode : null);
    await deps.db.transaction().execute(async (trx) => {
      await repo.insertJob(trx, {
        id: jobId,
        kind: 'employment_registrations',
        status: 'queued',
        file_type: type,
        file_bytes: file.bytes,
        staff_id: staff.staffId,
        office_id: defaultOffice?.id ?? null,
        directorate_code: directorateCode,
        created_at: now,
      });
      await appendAudit(
        trx,
        { kind: 'staff', id: staff.staffId, officeId: staff.officeId },
        { action: 'import.started', subjectType: 'import_job', subjectId: jobId, officeId: defaultOffice?.id ?? null, details: { fileType: type, fileBytes: file.bytes } },
        now,
      );
    });
    const job = (await repo.findJob(deps.db, jobId))!;
    const ctx = rowContext({ today: now.toISOString().slice(0, 10), offices, scope, defaultOffice, isco: await repo.iscoUnitGroups(deps.db) });
    const r = reader;
    progress.set(jobId, { read: () => r.bytesRead(), total: file.bytes });
    reader = undefined; // handed over to run()
    return {
      job: view(job),
      run: () =>
        runJob(deps, staff, jobId, r, first, positions, ctx).finally(async () => {
          r.close();
          progress.delete(jobId);
          await rm(file.dir, { recursive: true, force: true });
        }),
    };
  } finally {
    if (reader) {
      reader.close();
      await rm(file.dir, { recursive: true, force: true });
    }
  }
}

interface Pending {
  line: number;
  value: LegacyRegistration;
}

type Counts = { read: number; imported: number; duplicate: number; error: number };

/**
 * Reads, validates and writes the rows. Pipelined: while one batch is written (its own transaction), the
 * next is read and validated; the reader then waits for that write before it hands over another batch, so
 * at most two batches are in memory whatever the file size (back-pressure: memory stays flat).
 */
async function runJob(deps: ImportsDeps, staff: StaffPrincipal, jobId: string, reader: RegisterReader, first: SheetRow[], positions: Partial<Record<ImportColumn, number>>, ctx: RowContext): Promise<void> {
  await repo.markRunning(deps.db, jobId, deps.clock());
  const totals: Counts = { read: 0, imported: 0, duplicate: 0, error: 0 };
  const add = (c: Counts) => {
    for (const k of Object.keys(totals) as (keyof Counts)[]) totals[k] += c[k];
  };
  const columns = Object.entries(positions) as [ImportColumn, number][];
  let valid: Pending[] = [];
  let issues: ImportJobRowsTable[] = [];
  let read = 0;
  let writing: Promise<Counts> | undefined;
  let writeFailure: unknown;
  /** Waits for the batch being written (a write fault stops the job: nothing after it is read). */
  const settle = async () => {
    if (!writing) return;
    const w = writing;
    writing = undefined;
    try {
      add(await w);
    } catch (e) {
      writeFailure = e;
      throw e;
    }
  };
  const flush = async () => {
    const batch = { valid, issues, read };
    valid = [];
    issues = [];
    read = 0;
    await settle();
    writing = writeBatch(deps, jobId, batch.valid, batch.issues, batch.read);
    writing.catch(() => undefined); // observed by settle()
  };
  let failure: string | null = null;
  try {
    let chunk = first;
    for (;;) {
      for (const row of chunk) {
        read++;
        const cells: Partial<Record<ImportColumn, string>> = {};
        for (const [col, i] of columns) cells[col] = (row.cells[i] ?? '').trim();
        const r = validateRow(cells, ctx);
        if (r.ok) valid.push({ line: row.line, value: r.value });
        else {
          const e = joinRowErrors(r.errors);
          issues.push({ job_id: jobId, row_number: row.line, result: 'error', field: e.field, reason_ar: e.reason.ar, reason_en: e.reason.en });
        }
        if (read >= BATCH) await flush();
      }
      const next = await reader.chunks.next();
      if (next.done) break;
      chunk = next.value;
    }
  } catch (e) {
    // A file-level fault (corrupt workbook, broken quoting): rows already read keep their results.
    if (e !== writeFailure) failure = e instanceof Error ? `The file could not be read to the end: ${e.message.slice(0, 200)}` : 'The file could not be read to the end.';
  }
  try {
    if (read > 0 && writeFailure === undefined) await flush();
    await settle();
  } catch {
    // reported below
  }
  if (writeFailure !== undefined) failure ??= writeFailure instanceof Error ? `Writing a batch failed: ${writeFailure.message.slice(0, 200)}` : 'Writing a batch failed.';
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const job = await repo.finishJob(trx, jobId, failure ? 'failed' : 'done', now, failure);
    // No row silently dropped: the stored counts add up (CHECK) and match what this run counted.
    if (job.rows_read !== totals.read || job.rows_read !== job.rows_imported + job.rows_duplicate + job.rows_error) {
      throw new Error(`import ${jobId}: counts do not add up`);
    }
    await appendAudit(
      trx,
      { kind: 'staff', id: staff.staffId, officeId: staff.officeId },
      {
        action: failure ? 'import.failed' : 'import.completed',
        subjectType: 'import_job',
        subjectId: jobId,
        officeId: job.office_id,
        details: { rowsRead: job.rows_read, rowsImported: job.rows_imported, rowsDuplicate: job.rows_duplicate, rowsError: job.rows_error },
      },
      now,
    );
  });
}

/** Writes one batch in one transaction: the valid rows (ON CONFLICT DO NOTHING), the report rows, the counts. */
async function writeBatch(deps: ImportsDeps, jobId: string, valid: Pending[], errors: ImportJobRowsTable[], read: number) {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock();
    const citizens = await repo.citizensByNationalId(trx, [...new Set(valid.map((v) => v.value.nationalId))]);
    const rows: repo.LegacyInsert[] = valid.map(({ line, value: v }) => ({
      registrationNumber: `${v.office.code}-L-${v.registerNumber}`,
      citizenId: citizens.get(v.nationalId) ?? null,
      officeId: v.office.id,
      registeredOn: v.registeredOn,
      isco: v.isco,
      education: v.education,
      experienceYears: v.experienceYears,
      age: v.ageAtRegistration,
      legacyNumber: v.registerNumber,
      nationalId: v.nationalId,
      name: v.name,
      line,
    }));
    const inserted = await repo.insertRegistrations(trx, jobId, now, rows);
    const skipped = valid.filter((v) => !inserted.has(v.line));
    const issues = [...errors];
    let duplicate = 0;
    if (skipped.length > 0) {
      const existing = await repo.existingLegacy(
        trx,
        skipped.map((s) => ({ officeId: s.value.office.id, number: s.value.registerNumber })),
      );
      const byKey = new Map(existing.map((e) => [`${e.office_id}|${e.legacy_register_number}`, e]));
      for (const s of skipped) {
        const e = byKey.get(`${s.value.office.id}|${s.value.registerNumber}`);
        const base = { job_id: jobId, row_number: s.line };
        if (e && e.national_id === s.value.nationalId) {
          duplicate++;
          const sameFile = e.import_job_id === jobId;
          issues.push({
            ...base,
            result: 'already_imported',
            field: null,
            reason_ar: sameFile ? `مكرر: السطر نفسه من السجل ورد في الصف ${arabicRow.format(Number(e.import_row))} من هذا الملف.` : `سبق استيراده (رقم القيد ${e.registration_number}).`,
            reason_en: sameFile ? `Duplicate: the same register line is row ${e.import_row} of this file.` : `Already imported (registration ${e.registration_number}).`,
          });
        } else if (e) {
          issues.push({ ...base, result: 'error', field: 'register_number', reason_ar: 'رقم القيد هذا مسجل في المكتب نفسه لشخص آخر.', reason_en: 'This register number is already recorded in the same office for another person.' });
        } else {
          issues.push({ ...base, result: 'error', field: 'national_id', reason_ar: 'لصاحب هذا الرقم القومي قيد سارٍ بالفعل (إلكتروني أو من سطر آخر).', reason_en: 'The holder of this national ID already has an active registration (online or another register line).' });
        }
      }
    }
    await repo.insertIssues(trx, issues);
    const counts = { read, imported: inserted.size, duplicate, error: issues.length - duplicate };
    if (counts.read !== counts.imported + counts.duplicate + counts.error) throw new Error(`import ${jobId}: batch counts do not add up`);
    await repo.addCounts(trx, jobId, counts);
    return counts;
  });
}

/** A job visible to `staff`: its uploader, the directorate manager of its directorate, HQ administrators and auditors. 404 `import_not_found` otherwise. */
async function visibleJob(deps: ImportsDeps, staff: StaffPrincipal, id: string): Promise<JobRow> {
  const job = await repo.findJob(deps.db, id);
  const ok = job && (job.staff_id === staff.staffId || READ_ALL.includes(staff.role) || (staff.role === 'directorate_manager' && job.directorate_code === staff.directorateCode));
  if (!ok) throw new AppError('import_not_found');
  return job;
}

/** The job with its progress: rows processed so far and percent of the file parsed. */
export async function getJob(deps: ImportsDeps, staff: StaffPrincipal, id: string): Promise<ImportJob> {
  const job = await visibleJob(deps, staff, id);
  const p = progress.get(id);
  return view(job, p ? (100 * p.read()) / p.total : 0);
}

/** The first 500 rows not imported (duplicates and errors), in file order; `fields` lists every column at fault of a row (`field` joins them with commas). */
export async function getIssues(deps: ImportsDeps, staff: StaffPrincipal, id: string): Promise<ImportIssues> {
  await visibleJob(deps, staff, id);
  const rows = await repo.issues(deps.db, id, 501);
  return {
    rows: rows.slice(0, 500).map((r) => ({ row: r.row_number, result: r.result, field: r.field, fields: r.field ? r.field.split(',') : [], reason: { ar: r.reason_ar, en: r.reason_en } })),
    truncated: rows.length > 500,
  };
}

/** Row numbers inside Arabic reasons, in Arabic-Indic digits («الصف ٢»). */
const arabicRow = new Intl.NumberFormat('ar-EG', { useGrouping: false });

const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Header row of the report CSV, per language. */
const REPORT_HEAD: Record<ExportLang, string[]> = {
  ar: ['الصف', 'النتيجة', 'الحقل', 'السبب بالعربية', 'السبب بالإنجليزية'],
  en: ['Row', 'Result', 'Field', 'Reason (Arabic)', 'Reason (English)'],
};

/** A report row's column(s) at fault (`field` is one key or several joined by commas) as the import page names them. */
function fieldText(field: string | null, lang: ExportLang): string {
  if (!field) return '';
  return field
    .split(',')
    .map((f) => (IMPORT_COLUMN_LABELS as Partial<Record<string, { ar: string; en: string }>>)[f]?.[lang] ?? f)
    .join(lang === 'ar' ? '، ' : ', ');
}

/**
 * The full report as CSV (RFC 4180, UTF-8 with BOM), one line per data row of the file in file order.
 * `lang` (default `ar`) is the language of the header row, of the result (IMPORT_REPORT_RESULT_LABELS) and
 * of the column names at fault (IMPORT_COLUMN_LABELS); the reason is given in both languages. Columns:
 * row number (ASCII digits, the file's line), result, column(s) at fault, reason in Arabic, reason in English.
 */
export async function reportCsv(deps: ImportsDeps, staff: StaffPrincipal, id: string, lang: ExportLang = 'ar'): Promise<AsyncGenerator<string>> {
  await visibleJob(deps, staff, id);
  const last = await repo.lastRow(deps.db, id);
  const result = (r: ImportReportRowResult) => csvCell(IMPORT_REPORT_RESULT_LABELS[r][lang]);
  return (async function* () {
    yield `\uFEFF${REPORT_HEAD[lang].map(csvCell).join(',')}\r\n`;
    for (let from = 1; from <= last; from += 5000) {
      const w = await repo.reportWindow(deps.db, id, from, from + 5000);
      const lines: [number, string][] = [
        ...w.imported.map((n): [number, string] => [n, `${n},${result('imported')},,,\r\n`]),
        ...w.issues.map((r): [number, string] => [r.row_number, `${r.row_number},${result(r.result)},${csvCell(fieldText(r.field, lang))},${csvCell(r.reason_ar)},${csvCell(r.reason_en)}\r\n`]),
      ].sort((a, b) => a[0] - b[0]);
      if (lines.length > 0) yield lines.map((l) => l[1]).join('');
    }
  })();
}
