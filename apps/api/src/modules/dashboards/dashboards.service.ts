import { SERVICE_APPLICATION_STATUS_LABELS, type ApplicationsDashboard, type DashboardQuery, type DashboardTable, type ExportLang } from '@rabt/contracts';
import type { AppDeps } from '../../http/context.ts';
import { AppError, invalidField } from '../../http/errors.ts';
import type { StaffPrincipal } from '../../platform/auth/principal.ts';
import { SERVICES } from '../eservices/definitions/index.ts';
import { officeInScope, officeScopeOf } from '../offices/office-scope.ts';
import * as repo from './dashboards.repository.ts';

/**
 * E-services dashboards (issue 5 §11): office, directorate and HQ views of applications by status and
 * by service, SLA breaches (open applications whose current step is past step_due_at), median
 * processing time per office (submitted → decided, hours) and employment registrations imported from
 * paper vs issued online. Scope-aware (OWASP ASVS 5.0 8.2.2):
 * - `office`: a clerk's or office head's own office; directorate managers and HQ name an office in scope (`office`);
 * - `directorate`: a directorate manager's own; HQ names one (`directorate`);
 * - `hq`: HQ administrators and auditors only.
 * Any other combination: 403 `out_of_scope`; roles outside the office network: 403 `forbidden`.
 */
export type DashboardsDeps = Pick<AppDeps, 'db' | 'clock'>;

const READERS = ['clerk', 'office_head', 'directorate_manager', 'hq_admin', 'auditor'];
const DAY = 86_400_000;

/** The whole country's name as a dashboard scope. */
const NATIONWIDE = { ar: 'جميع مكاتب مصر', en: 'All offices in Egypt' };

interface Resolved {
  filter: repo.Filter;
  key: string;
  name: { ar: string; en: string };
}

async function resolve(deps: DashboardsDeps, staff: StaffPrincipal, q: DashboardQuery): Promise<Resolved> {
  if (!READERS.includes(staff.role)) throw new AppError('forbidden');
  const scope = officeScopeOf(staff);
  if (q.scope === 'hq') {
    if (scope.kind !== 'all') throw new AppError('out_of_scope');
    return { filter: { kind: 'all' }, key: 'EG', name: NATIONWIDE };
  }
  if (q.scope === 'directorate') {
    if (scope.kind === 'office') throw new AppError('out_of_scope');
    const code = scope.kind === 'directorate' ? scope.directorateCode : q.directorate;
    if (!code) throw new AppError('validation_failed', { fieldErrors: [{ pointer: '/directorate', code: 'required', message: { ar: 'اختر المديرية.', en: 'Choose the directorate.' } }] });
    if (scope.kind === 'directorate' && q.directorate && q.directorate !== code) throw new AppError('out_of_scope');
    const d = await repo.findDirectorate(deps.db, code);
    if (!d) throw new AppError('validation_failed', { fieldErrors: [{ pointer: '/directorate', code: 'invalid_value', message: { ar: 'اختر مديرية موجودة.', en: 'Choose an existing directorate.' } }] });
    return { filter: { kind: 'directorate', directorateCode: code }, key: code, name: { ar: d.name_ar, en: d.name_en } };
  }
  const office =
    scope.kind === 'office'
      ? await repo.findOfficeById(deps.db, scope.officeId)
      : q.office
        ? await repo.findOfficeByCode(deps.db, q.office.toUpperCase())
        : undefined;
  if (!office) {
    if (scope.kind === 'office') throw new AppError('out_of_scope');
    throw new AppError('validation_failed', { fieldErrors: [{ pointer: '/office', code: 'invalid_value', message: { ar: 'اختر مكتب عمل موجودًا.', en: 'Choose an existing labour office.' } }] });
  }
  if (q.office && q.office.toUpperCase() !== office.code) throw new AppError('out_of_scope');
  if (!officeInScope(scope, { id: office.id, directorateCode: office.directorate_code })) throw new AppError('out_of_scope');
  return { filter: { kind: 'office', officeId: office.id }, key: office.code, name: { ar: office.name_ar, en: office.name_en } };
}

/** The dashboard of one scope over applications submitted in [from, to] (dates, inclusive; open-ended if omitted). */
export async function applicationsDashboard(deps: DashboardsDeps, staff: StaffPrincipal, q: DashboardQuery): Promise<ApplicationsDashboard> {
  const { filter, key, name } = await resolve(deps, staff, q);
  // A reversed range is the user's mistake, not an empty period: 400 on /to with its own code.
  if (q.from && q.to && q.from > q.to) invalidField('/to', 'date_range_reversed');
  const range: repo.Range = { from: q.from ? new Date(`${q.from}T00:00:00Z`) : null, to: q.to ? new Date(new Date(`${q.to}T00:00:00Z`).getTime() + DAY) : null };
  const now = deps.clock();
  // Sequential: PGlite serves one query at a time anyway, and PostgreSQL answers each in milliseconds.
  const byStatus = await repo.byStatus(deps.db, filter, range);
  const byService = await repo.byService(deps.db, filter, range);
  const sla = await repo.sla(deps.db, filter, range, now);
  const processing = await repo.processing(deps.db, filter, range);
  const registrations = await repo.registrations(deps.db, filter, range);
  return { scope: q.scope, scopeKey: key, scopeNameAr: name.ar, scopeNameEn: name.en, from: q.from ?? null, to: q.to ?? null, byStatus, byService, sla, processing, registrations };
}

const cell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

type Label = { ar: string; en: string };
/** Column headers of the CSV exports. */
const COL = {
  status: { ar: 'الحالة', en: 'Status' },
  service: { ar: 'الخدمة', en: 'Service' },
  office: { ar: 'المكتب', en: 'Office' },
  officeCode: { ar: 'رمز المكتب', en: 'Office code' },
  count: { ar: 'العدد', en: 'Count' },
  open: { ar: 'طلبات مفتوحة', en: 'Open' },
  breached: { ar: 'تجاوزت المهلة', en: 'Past the deadline' },
  decided: { ar: 'طلبات بُت فيها', en: 'Decided' },
  medianHours: { ar: 'وسيط مدة الإنجاز (ساعات)', en: 'Median processing time (hours)' },
  imported: { ar: 'مستوردة من الورق', en: 'Imported from paper' },
  online: { ar: 'مسجلة إلكترونيًا', en: 'Registered online' },
} satisfies Record<string, Label>;
/** Staff wording where it differs from the citizen's (the citizen reads «مطلوب معلومات منك»). */
const STAFF_STATUS: Partial<Record<string, Label>> = { info_requested: { ar: 'بانتظار رد المواطن', en: 'Awaiting the citizen’s reply' } };

function statusText(status: string, lang: ExportLang): string {
  return (STAFF_STATUS[status] ?? (SERVICE_APPLICATION_STATUS_LABELS as Partial<Record<string, Label>>)[status])?.[lang] ?? status;
}

function serviceText(code: string, lang: ExportLang): string {
  return SERVICES.get(code)?.title[lang] ?? code;
}

/**
 * One table of the dashboard as CSV (RFC 4180, UTF-8 with a BOM so spreadsheet programs read the Arabic).
 * `lang` (default `ar`) picks the language of the header row and of the labels that stand for codes:
 * statuses and services are written as their titles, offices by name followed by their code (an
 * identifier people search by). Numbers stay in ASCII digits so spreadsheets read them as numbers.
 * Columns per table: by_status = status, count; by_service = service, count; sla = office, office code,
 * open, past the deadline; processing = office, office code, decided, median hours (one decimal, empty
 * when none); registrations = office, office code, imported, online. Errors as applicationsDashboard.
 */
export async function dashboardCsv(deps: DashboardsDeps, staff: StaffPrincipal, q: DashboardQuery & { table: DashboardTable; lang?: ExportLang }): Promise<string> {
  const d = await applicationsDashboard(deps, staff, q);
  const lang = q.lang ?? 'ar';
  const officeName = (r: { officeNameAr: string; officeNameEn: string }) => (lang === 'ar' ? r.officeNameAr : r.officeNameEn);
  const tables: Record<DashboardTable, { head: Label[]; rows: (string | number | null)[][] }> = {
    by_status: { head: [COL.status, COL.count], rows: d.byStatus.map((r) => [statusText(r.status, lang), r.count]) },
    by_service: { head: [COL.service, COL.count], rows: d.byService.map((r) => [serviceText(r.serviceCode, lang), r.count]) },
    sla: { head: [COL.office, COL.officeCode, COL.open, COL.breached], rows: d.sla.map((r) => [officeName(r), r.officeCode, r.open, r.breached]) },
    processing: { head: [COL.office, COL.officeCode, COL.decided, COL.medianHours], rows: d.processing.map((r) => [officeName(r), r.officeCode, r.decided, r.medianHours]) },
    registrations: { head: [COL.office, COL.officeCode, COL.imported, COL.online], rows: d.registrations.map((r) => [officeName(r), r.officeCode, r.imported, r.online]) },
  };
  const t = tables[q.table];
  return '\uFEFF' + [t.head.map((h) => h[lang]), ...t.rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
