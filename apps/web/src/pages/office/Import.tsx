import { useEffect, useState, type FormEvent } from 'react';
import { IMPORT_COLUMN_ALIASES_AR, IMPORT_COLUMN_LABELS, IMPORT_COLUMNS, IMPORT_CSV_TYPE, IMPORT_XLSX_TYPE, type ImportIssues, type ImportJob, type Office, type ProblemDetails } from '@rabt/contracts';
import { get, ProblemError } from '../../api/client.ts';
import { RequireStaff } from '../../ui/RequireStaff.tsx';
import { FilePicker } from '../../ui/FilePicker.tsx';
import { ProblemAlert, SelectField, TableWrap } from '../../ui/forms.tsx';
import { useLoad, useLocale, usePageTitle } from '../../ui/hooks.ts';
import type { UiLocale } from '../../i18n/index.ts';
import { fieldLabel, numberFormat, useS } from './strings.ts';

const UPLOADERS = ['office_head', 'directorate_manager'] as const;
/** Rows of the issues list shown on the page; the rest are in the report CSV. */
const SHOWN_ISSUES = 50;
const POLL_MS = 1000;

/** `/office/import`: office heads and directorate managers upload a legacy register and follow the job. */
export function OfficeImportPage() {
  const s = useS();
  usePageTitle(s.importTitle);
  return (
    <RequireStaff roles={UPLOADERS} title={s.importTitle}>
      {() => <ImportForm />}
    </RequireStaff>
  );
}

/**
 * A sample register (UTF-8 with BOM, so Excel reads the Arabic) with one valid row; its header row names the
 * columns in the UI language (IMPORT_COLUMN_LABELS, e.g. «رقم القيد» in Arabic), which the import accepts.
 */
function sampleCsv(locale: UiLocale): string {
  const head = IMPORT_COLUMNS.map((c) => IMPORT_COLUMN_LABELS[c][locale]).join(',');
  return `\uFEFF${head}\r\n123/2019,29001010101234,محمد أحمد علي,15/3/2019,CAI-NASR,7411,ثانوي فني,5\r\n`;
}

/** True when the file's name or type is one the import accepts (CSV or XLSX). */
function acceptedFile(file: File): boolean {
  const name = file.name.toLowerCase();
  return name.endsWith('.csv') || name.endsWith('.xlsx') || file.type === IMPORT_CSV_TYPE || file.type === IMPORT_XLSX_TYPE;
}

/** The file's media type: from its name first (browsers often leave `type` empty for CSV), else its type. */
function mediaType(file: File): string {
  const name = file.name.toLowerCase();
  if (name.endsWith('.xlsx')) return IMPORT_XLSX_TYPE;
  if (name.endsWith('.csv')) return IMPORT_CSV_TYPE;
  return file.type || IMPORT_CSV_TYPE;
}

/**
 * POST /api/v1/imports/employment-registrations with the raw file as body (no multipart) and the CSRF
 * header the JSON client sends; answers the queued job or throws ProblemError.
 */
async function uploadRegister(file: File, office: string, networkMessage: string): Promise<ImportJob> {
  const { token } = await get<{ token: string }>('/api/v1/csrf');
  const query = office ? `?office=${encodeURIComponent(office)}` : '';
  let res: Response;
  try {
    res = await fetch(`/api/v1/imports/employment-registrations${query}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': mediaType(file), 'x-csrf-token': token, accept: 'application/json' },
      body: file,
    });
  } catch {
    throw new Error(networkMessage);
  }
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    if (data && typeof data === 'object' && 'code' in data && 'titles' in data) throw new ProblemError(data as ProblemDetails);
    throw new Error(`HTTP ${res.status}`);
  }
  return data as ImportJob;
}

function ImportForm() {
  const s = useS();
  const locale = useLocale();
  const offices = useLoad<Office[]>('/api/v1/offices');
  const [job, setJob] = useState<ImportJob | null>(null);
  const [issues, setIssues] = useState<ImportIssues | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [fileError, setFileError] = useState('');

  const jobId = job?.id;
  const finished = job?.status === 'done' || job?.status === 'failed';
  // Polls the job every second until it is done or failed, then loads the first issues.
  useEffect(() => {
    if (!jobId || finished) return;
    let live = true;
    const timer = setInterval(() => {
      get<ImportJob>(`/api/v1/imports/${jobId}`).then(
        (next) => {
          if (live) setJob(next);
        },
        (err: unknown) => {
          if (live) setError(err);
        },
      );
    }, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [jobId, finished]);
  useEffect(() => {
    if (!jobId || !finished) return;
    let live = true;
    get<ImportIssues>(`/api/v1/imports/${jobId}/issues`).then(
      (data) => {
        if (live) setIssues(data);
      },
      (err: unknown) => {
        if (live) setError(err);
      },
    );
    return () => {
      live = false;
    };
  }, [jobId, finished]);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const input = form.elements.namedItem('file') as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) {
      setFileError(s.chooseFile);
      input.focus();
      return;
    }
    if (!acceptedFile(file)) {
      setFileError(s.wrongType(file.name));
      input.focus();
      return;
    }
    setFileError('');
    setError(null);
    setJob(null);
    setIssues(null);
    setBusy(true);
    try {
      setJob(await uploadRegister(file, (form.elements.namedItem('office') as HTMLSelectElement).value, s.network));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const nf = numberFormat(locale);
  const pct = new Intl.NumberFormat(locale === 'ar' ? 'ar-EG' : 'en-GB', { style: 'percent' });
  return (
    <>
      <h1>{s.importTitle}</h1>
      <p>{s.importLead}</p>
      <ImportGuide />
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <p className="hint" id="import-file-hint">
            {s.fileHint}
          </p>
          <FilePicker
            id="import-file"
            name="file"
            label={s.fileButton}
            accept={`.csv,.xlsx,${IMPORT_CSV_TYPE},${IMPORT_XLSX_TYPE}`}
            describedBy={fileError ? 'import-file-hint import-file-error' : 'import-file-hint'}
            invalid={Boolean(fileError)}
          />
          {fileError && (
            <p className="field-error" id="import-file-error">
              {fileError}
            </p>
          )}
        </div>
        <SelectField name="office" idPrefix="import" label={s.office} hint={s.officeHint} defaultValue="">
          <option value="">{s.officeFromFile}</option>
          {offices.data?.map((o) => (
            <option key={o.id} value={o.code}>
              {locale === 'ar' ? o.nameAr : o.nameEn} ({o.code})
            </option>
          ))}
        </SelectField>
        <button type="submit" className="btn" disabled={busy}>
          {busy ? s.uploading : s.upload}
        </button>
      </form>
      {missingColumns(error) ? (
        <div className="alert alert-error" role="alert" data-testid="missing-columns">
          <p>
            {s.missingColumns(missingColumns(error)!.map((c) => fieldLabel(c, locale)).join(locale === 'ar' ? '، ' : ', '))} <a href="#import-guide">{s.guideTitle}</a>
          </p>
        </div>
      ) : (
        <ProblemAlert error={error} />
      )}
      {job && (
        <section aria-labelledby="import-progress-h" className="import-job">
          <h2 id="import-progress-h">{s.progress}</h2>
          <p role="status">
            {s.status[job.status]}
            {job.failure ? ` — ${job.failure}` : ''}
          </p>
          <div className="progress-row">
            <div className="progress" role="progressbar" aria-labelledby="import-progress-h" aria-valuemin={0} aria-valuemax={100} aria-valuenow={job.percent} aria-valuetext={pct.format(job.percent / 100)}>
              <div className="progress-fill" style={{ inlineSize: `${job.percent}%` }} />
            </div>
            <span className="progress-text" aria-hidden="true">
              {pct.format(job.percent / 100)}
            </span>
          </div>
          <dl className="details import-counts">
            <div>
              <dt>{s.rowsRead}</dt>
              <dd data-count="read">{nf.format(job.rowsRead)}</dd>
            </div>
            <div>
              <dt>{s.rowsImported}</dt>
              <dd data-count="imported">{nf.format(job.rowsImported)}</dd>
            </div>
            <div>
              <dt>{s.rowsDuplicate}</dt>
              <dd data-count="duplicate">{nf.format(job.rowsDuplicate)}</dd>
            </div>
            <div>
              <dt>{s.rowsError}</dt>
              <dd data-count="error">{nf.format(job.rowsError)}</dd>
            </div>
          </dl>
          {finished && (
            <p>
              <a className="btn btn-secondary" href={`/api/v1/imports/${job.id}/report.csv?lang=${locale}`} download>
                {s.report}
              </a>
            </p>
          )}
          {issues && <IssuesTable issues={issues} />}
        </section>
      )}
    </>
  );
}

/** The columns a 400 `import_file_columns` says are missing (its `missingColumns` extension), else null. */
function missingColumns(error: unknown): string[] | null {
  if (!(error instanceof ProblemError) || error.code !== 'import_file_columns') return null;
  const raw = (error.problem as unknown as Record<string, unknown>).missingColumns;
  return typeof raw === 'string' && raw ? raw.split(',') : null;
}

/** The import guide: accepted header names of each column, value formats, and a sample file to download. */
function ImportGuide() {
  const s = useS();
  const locale = useLocale();
  const aliases = (c: string) => Object.entries(IMPORT_COLUMN_ALIASES_AR).filter(([, col]) => col === c).map(([a]) => a);
  return (
    <section aria-labelledby="import-guide" className="card import-guide">
      <h2 id="import-guide" tabIndex={-1}>
        {s.guideTitle}
      </h2>
      <p>{s.columns}</p>
      <p>{s.guideHeaders}</p>
      <ul className="import-columns">
        {IMPORT_COLUMNS.map((c) => (
          <li key={c}>
            {fieldLabel(c, locale)}:{' '}
            {[...new Set([IMPORT_COLUMN_LABELS[c].ar, ...aliases(c)])].map((a) => `«${a}»`).join(locale === 'ar' ? '، ' : ', ')}
            {locale === 'ar' ? '، ' : ', '}
            <bdi dir="ltr">{IMPORT_COLUMN_LABELS[c].en}</bdi>
            {locale === 'ar' ? '، ' : ', '}
            <code dir="ltr">{c}</code>
          </li>
        ))}
      </ul>
      <p>{s.guideFormats}</p>
      <ul>
        <li>{s.guideRegister}</li>
        <li>{s.guideId}</li>
        <li>{s.guideDate}</li>
        <li>{s.guideOffice}</li>
        <li>{s.guideIsco}</li>
        <li>{s.guideQualification}</li>
        <li>{s.guideYears}</li>
      </ul>
      <p>
        <a className="btn btn-secondary" href={`data:text/csv;charset=utf-8,${encodeURIComponent(sampleCsv(locale))}`} download="register-sample.csv">
          {s.sample}
        </a>
      </p>
    </section>
  );
}

function IssuesTable({ issues }: { issues: ImportIssues }) {
  const s = useS();
  const locale = useLocale();
  const nf = numberFormat(locale);
  const rows = issues.rows.slice(0, SHOWN_ISSUES);
  if (rows.length === 0) return <p>{s.noIssues}</p>;
  return (
    <>
      <h3>{s.issuesTitle}</h3>
      <TableWrap label={s.issuesTitle}>
        <table>
          <caption>{s.issuesCaption(rows.length)}</caption>
          <thead>
            <tr>
              <th scope="col">{s.row}</th>
              <th scope="col">{s.result}</th>
              <th scope="col">{s.field}</th>
              <th scope="col">{s.reason}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.row}>
                <th scope="row">{nf.format(r.row)}</th>
                <td>{s.resultLabel[r.result] ?? r.result}</td>
                <td>{r.fields.length > 0 ? r.fields.map((f) => fieldLabel(f, locale)).join(locale === 'ar' ? '، ' : ', ') : fieldLabel(r.field, locale)}</td>
                <td>{r.reason?.[locale] ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {(issues.truncated || issues.rows.length > rows.length) && <p className="hint">{s.truncated}</p>}
    </>
  );
}
