import type { ApplicationsDashboard, DashboardQuery, DashboardTable } from '@rabt/contracts';
import type { AppDeps } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import type { StaffPrincipal } from '../../platform/auth/principal.ts';
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

async function resolve(deps: DashboardsDeps, staff: StaffPrincipal, q: DashboardQuery): Promise<{ filter: repo.Filter; key: string }> {
  if (!READERS.includes(staff.role)) throw new AppError('forbidden');
  const scope = officeScopeOf(staff);
  if (q.scope === 'hq') {
    if (scope.kind !== 'all') throw new AppError('out_of_scope');
    return { filter: { kind: 'all' }, key: 'EG' };
  }
  if (q.scope === 'directorate') {
    if (scope.kind === 'office') throw new AppError('out_of_scope');
    const code = scope.kind === 'directorate' ? scope.directorateCode : q.directorate;
    if (!code) throw new AppError('validation_failed', { fieldErrors: [{ pointer: '/directorate', code: 'required', message: { ar: 'اختر المديرية.', en: 'Choose the directorate.' } }] });
    if (scope.kind === 'directorate' && q.directorate && q.directorate !== code) throw new AppError('out_of_scope');
    return { filter: { kind: 'directorate', directorateCode: code }, key: code };
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
  return { filter: { kind: 'office', officeId: office.id }, key: office.code };
}

/** The dashboard of one scope over applications submitted in [from, to] (dates, inclusive; open-ended if omitted). */
export async function applicationsDashboard(deps: DashboardsDeps, staff: StaffPrincipal, q: DashboardQuery): Promise<ApplicationsDashboard> {
  const { filter, key } = await resolve(deps, staff, q);
  if (q.from && q.to && q.from > q.to) throw new AppError('validation_failed', { fieldErrors: [{ pointer: '/to', code: 'invalid_value', message: { ar: 'تاريخ النهاية قبل تاريخ البداية.', en: 'The end date is before the start date.' } }] });
  const range: repo.Range = { from: q.from ? new Date(`${q.from}T00:00:00Z`) : null, to: q.to ? new Date(new Date(`${q.to}T00:00:00Z`).getTime() + DAY) : null };
  const now = deps.clock();
  // Sequential: PGlite serves one query at a time anyway, and PostgreSQL answers each in milliseconds.
  const byStatus = await repo.byStatus(deps.db, filter, range);
  const byService = await repo.byService(deps.db, filter, range);
  const sla = await repo.sla(deps.db, filter, range, now);
  const processing = await repo.processing(deps.db, filter, range);
  const registrations = await repo.registrations(deps.db, filter, range);
  return { scope: q.scope, scopeKey: key, from: q.from ?? null, to: q.to ?? null, byStatus, byService, sla, processing, registrations };
}

const cell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** One table of the dashboard as CSV (RFC 4180, UTF-8 with BOM), header row with snake_case column names. */
export async function dashboardCsv(deps: DashboardsDeps, staff: StaffPrincipal, q: DashboardQuery & { table: DashboardTable }): Promise<string> {
  const d = await applicationsDashboard(deps, staff, q);
  const tables: Record<DashboardTable, { head: string[]; rows: (string | number | null)[][] }> = {
    by_status: { head: ['status', 'count'], rows: d.byStatus.map((r) => [r.status, r.count]) },
    by_service: { head: ['service_code', 'count'], rows: d.byService.map((r) => [r.serviceCode, r.count]) },
    sla: { head: ['office_code', 'office_name_ar', 'office_name_en', 'open', 'breached'], rows: d.sla.map((r) => [r.officeCode, r.officeNameAr, r.officeNameEn, r.open, r.breached]) },
    processing: { head: ['office_code', 'office_name_ar', 'office_name_en', 'decided', 'median_hours'], rows: d.processing.map((r) => [r.officeCode, r.officeNameAr, r.officeNameEn, r.decided, r.medianHours]) },
    registrations: { head: ['office_code', 'office_name_ar', 'office_name_en', 'imported', 'online'], rows: d.registrations.map((r) => [r.officeCode, r.officeNameAr, r.officeNameEn, r.imported, r.online]) },
  };
  const t = tables[q.table];
  return '\uFEFF' + [t.head, ...t.rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
