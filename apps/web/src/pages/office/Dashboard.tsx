import { useState, type FormEvent } from 'react';
import type { ApplicationsDashboard, DashboardScope, DashboardTable, Directorate, Office, ServiceSummary, StaffMember } from '@rabt/contracts';
import { ChartSection, type ChartColumn, type ChartRow } from '../../ui/ChartSection.tsx';
import { RequireStaff } from '../../ui/RequireStaff.tsx';
import { Field, formValues, ProblemAlert, SelectField } from '../../ui/forms.tsx';
import { formatDate, useLoad, useLocale, usePageTitle } from '../../ui/hooks.ts';
import { ProblemError } from '../../api/client.ts';
import { statusLabel } from '../eservices/common.tsx';
import { useS } from './strings.ts';

/**
 * `/office/dashboard` (issue 5 §11): the e-services dashboard of the caller's scope (a lazy route). Each
 * table is a ChartSection (ui/ChartSection.tsx): a bar chart as a figure with role="img" and a spoken
 * summary, the data table of the same numbers beside it and its CSV export; recharts loads after the tables.
 */
const READERS = ['clerk', 'office_head', 'directorate_manager', 'hq_admin', 'auditor'] as const;

export function OfficeDashboardPage() {
  const s = useS();
  usePageTitle(s.dashboardTitle);
  return (
    <RequireStaff roles={READERS} title={s.dashboardTitle}>
      {(staff) => <Dashboard staff={staff} />}
    </RequireStaff>
  );
}

/** The scopes a role may ask for, widest first (the server enforces the same rules). */
function scopesOf(staff: StaffMember): DashboardScope[] {
  if (staff.role === 'hq_admin' || staff.role === 'auditor') return ['hq', 'directorate', 'office'];
  if (staff.role === 'directorate_manager') return ['directorate', 'office'];
  return ['office'];
}

interface Query {
  scope: DashboardScope;
  office: string;
  directorate: string;
  from: string;
  to: string;
}

/** The query string of a complete query, or null while a wider-scope user has still to pick the office/directorate. */
function queryString(staff: StaffMember, q: Query): string | null {
  const p = new URLSearchParams({ scope: q.scope });
  if (q.scope === 'office' && !staff.officeId) {
    if (!q.office) return null;
    p.set('office', q.office);
  }
  if (q.scope === 'directorate' && !staff.directorateCode) {
    if (!q.directorate) return null;
    p.set('directorate', q.directorate);
  }
  if (q.from) p.set('from', q.from);
  if (q.to) p.set('to', q.to);
  return p.toString();
}

function Dashboard({ staff }: { staff: StaffMember }) {
  const s = useS();
  const locale = useLocale();
  const scopes = scopesOf(staff);
  const [query, setQuery] = useState<Query>({ scope: scopes[0]!, office: '', directorate: '', from: '', to: '' });
  const [draftScope, setDraftScope] = useState<DashboardScope>(query.scope);
  const qs = queryString(staff, query);
  const loaded = useLoad<ApplicationsDashboard>(qs ? `/api/v1/dashboards/applications?${qs}` : null);
  const { error, loading } = loaded;
  // The last dashboard shown stays on screen while a refused query (e.g. a reversed range) is corrected.
  const [shown, setShown] = useState<{ data: ApplicationsDashboard; qs: string } | null>(null);
  if (loaded.data && qs && shown?.data !== loaded.data) setShown({ data: loaded.data, qs });
  const data = shown?.data;
  const [rangeError, setRangeError] = useState<string | null>(null);
  const needOffices = scopes.includes('office') && !staff.officeId;
  const offices = useLoad<Office[]>(needOffices ? '/api/v1/offices' : null);
  const directorates = useLoad<Directorate[]>(scopes.includes('hq') ? '/api/v1/directorates' : null);
  const services = useLoad<ServiceSummary[]>('/api/v1/services');

  function apply(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    // Checked here first (the API refuses it too, on /to): the charts of the last valid range stay.
    if (v.from && v.to && v.from > v.to) {
      setRangeError(s.rangeReversed);
      document.getElementById('dash-to')?.focus();
      return;
    }
    setRangeError(null);
    setQuery({ scope: draftScope, office: v.office ?? '', directorate: v.directorate ?? '', from: v.from ?? '', to: v.to ?? '' });
  }

  /** The API's message for one query field (`/from`, `/to`), in the UI language. */
  const apiFieldError = (pointer: string) => (error instanceof ProblemError ? error.problem.errors?.find((x) => x.pointer === pointer)?.message[locale] : undefined);
  const serviceTitle = (code: string) => services.data?.find((x) => x.code === code)?.title[locale] ?? code;
  const officeName = (r: { officeNameAr: string; officeNameEn: string }) => (locale === 'ar' ? r.officeNameAr : r.officeNameEn);
  const tables: TableSpec[] = data
    ? [
        {
          id: 'by_status',
          title: s.byStatus,
          rowHeader: s.statusCol,
          columns: [{ key: 'count', label: s.count }],
          rows: data.byStatus.map((r) => ({ id: r.status, label: statusLabel(r.status, locale, 'staff'), values: { count: r.count } })),
        },
        {
          id: 'by_service',
          title: s.byService,
          rowHeader: s.serviceCol,
          columns: [{ key: 'count', label: s.count }],
          rows: data.byService.map((r) => ({ id: r.serviceCode, label: serviceTitle(r.serviceCode), values: { count: r.count } })),
        },
        {
          id: 'sla',
          title: s.sla,
          rowHeader: s.officeCol,
          columns: [
            { key: 'open', label: s.open },
            { key: 'breached', label: s.breached },
          ],
          rows: data.sla.map((r) => ({ id: r.officeCode, label: officeName(r), values: { open: r.open, breached: r.breached } })),
        },
        {
          id: 'processing',
          title: s.processing,
          rowHeader: s.officeCol,
          columns: [
            { key: 'medianHours', label: s.medianHours, fraction: 1 },
            { key: 'decided', label: s.decided, chart: false },
          ],
          rows: data.processing.map((r) => ({ id: r.officeCode, label: officeName(r), values: { medianHours: r.medianHours, decided: r.decided } })),
        },
        {
          id: 'registrations',
          title: s.registrations,
          rowHeader: s.officeCol,
          columns: [
            { key: 'imported', label: s.imported },
            { key: 'online', label: s.online },
          ],
          rows: data.registrations.map((r) => ({ id: r.officeCode, label: officeName(r), values: { imported: r.imported, online: r.online } })),
        },
      ]
    : [];

  return (
    <>
      <h1>{s.dashboardTitle}</h1>
      <p>{s.dashboardLead}</p>
      <form className="form dash-filters" onSubmit={apply} aria-label={s.dashboardTitle}>
        {scopes.length > 1 && (
          <SelectField name="scope" idPrefix="dash" label={s.scope} value={draftScope} onChange={(e) => setDraftScope(e.currentTarget.value as DashboardScope)}>
            {scopes.map((sc) => (
              <option key={sc} value={sc}>
                {s.scopes[sc]}
              </option>
            ))}
          </SelectField>
        )}
        {draftScope === 'office' && needOffices && (
          <SelectField name="office" idPrefix="dash" label={s.scopeOffice} defaultValue={query.office}>
            <option value="">{s.choose}</option>
            {offices.data?.map((o) => (
              <option key={o.id} value={o.code}>
                {locale === 'ar' ? o.nameAr : o.nameEn} ({o.code})
              </option>
            ))}
          </SelectField>
        )}
        {draftScope === 'directorate' && !staff.directorateCode && (
          <SelectField name="directorate" idPrefix="dash" label={s.scopeDirectorate} defaultValue={query.directorate}>
            <option value="">{s.choose}</option>
            {directorates.data?.map((d) => (
              <option key={d.governorateCode} value={d.governorateCode}>
                {locale === 'ar' ? d.nameAr : d.nameEn}
              </option>
            ))}
          </SelectField>
        )}
        <Field name="from" idPrefix="dash" type="date" label={s.from} defaultValue={query.from} error={apiFieldError('/from')} />
        <Field name="to" idPrefix="dash" type="date" label={s.to} defaultValue={query.to} error={rangeError ?? apiFieldError('/to')} />
        <button type="submit" className="btn btn-secondary">
          {s.show}
        </button>
      </form>
      <ProblemAlert error={error} />
      {loading && <p aria-live="polite">…</p>}
      {data && shown && (
        <>
          <p aria-live="polite">
            {s.scopeKey(locale === 'ar' ? data.scopeNameAr : data.scopeNameEn)} —{' '}
            {data.from || data.to ? s.range(data.from ? formatDate(data.from, locale) : '…', data.to ? formatDate(data.to, locale) : '…') : s.allTime}
          </p>
          {tables.map((spec) => (
            <ChartSection key={spec.id} {...spec} csvHref={`/api/v1/dashboards/applications.csv?${shown.qs}&table=${spec.id}&lang=${locale}`} strings={s} locale={locale} />
          ))}
        </>
      )}
    </>
  );
}

/** One dashboard table; `id` is also the CSV export's `table` parameter. */
interface TableSpec {
  id: DashboardTable;
  title: string;
  rowHeader: string;
  columns: ChartColumn[];
  rows: ChartRow[];
}
