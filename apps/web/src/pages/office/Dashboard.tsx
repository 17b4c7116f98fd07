import { useState, type FormEvent } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { ApplicationsDashboard, DashboardScope, DashboardTable, Directorate, Office, ServiceSummary, StaffMember } from '@rabt/contracts';
import { RequireStaff } from '../../ui/RequireStaff.tsx';
import { Field, formValues, ProblemAlert, SelectField, TableWrap } from '../../ui/forms.tsx';
import { formatDate, useLoad, useLocale, usePageTitle } from '../../ui/hooks.ts';
import type { UiLocale } from '../../i18n/index.ts';
import { statusLabel } from '../eservices/common.tsx';
import { numberFormat, useS } from './strings.ts';

/**
 * `/office/dashboard` (issue 5 §11): the e-services dashboard of the caller's scope. Loaded lazily
 * (see lazy.tsx) so recharts stays out of the main bundle. Each chart is a figure with role="img" and a
 * spoken summary, followed by a data table of the same numbers and its CSV export.
 */
const READERS = ['clerk', 'office_head', 'directorate_manager', 'hq_admin', 'auditor'] as const;
/** Bar colours: both at least 3:1 against white (WCAG 2.2 1.4.11). */
const COLOURS = ['#0b6e4f', '#1a4fd6'];

export function OfficeDashboardPage() {
  const s = useS();
  usePageTitle(s.dashboardTitle);
  return (
    <RequireStaff roles={READERS} title={s.dashboardTitle}>
      {(staff) => <Dashboard staff={staff} />}
    </RequireStaff>
  );
}
export default OfficeDashboardPage;

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
  const { data, error, loading } = useLoad<ApplicationsDashboard>(qs ? `/api/v1/dashboards/applications?${qs}` : null);
  const needOffices = scopes.includes('office') && !staff.officeId;
  const offices = useLoad<Office[]>(needOffices ? '/api/v1/offices' : null);
  const directorates = useLoad<Directorate[]>(scopes.includes('hq') ? '/api/v1/directorates' : null);
  const services = useLoad<ServiceSummary[]>('/api/v1/services');

  function apply(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    setQuery({ scope: draftScope, office: v.office ?? '', directorate: v.directorate ?? '', from: v.from ?? '', to: v.to ?? '' });
  }

  const serviceTitle = (code: string) => services.data?.find((x) => x.code === code)?.title[locale] ?? code;
  const officeName = (r: { officeNameAr: string; officeNameEn: string }) => (locale === 'ar' ? r.officeNameAr : r.officeNameEn);
  const tables: TableSpec[] = data
    ? [
        {
          key: 'by_status',
          title: s.byStatus,
          rowHeader: s.statusCol,
          columns: [{ key: 'count', label: s.count }],
          rows: data.byStatus.map((r) => ({ id: r.status, label: statusLabel(r.status, locale), values: { count: r.count } })),
        },
        {
          key: 'by_service',
          title: s.byService,
          rowHeader: s.serviceCol,
          columns: [{ key: 'count', label: s.count }],
          rows: data.byService.map((r) => ({ id: r.serviceCode, label: serviceTitle(r.serviceCode), values: { count: r.count } })),
        },
        {
          key: 'sla',
          title: s.sla,
          rowHeader: s.officeCol,
          columns: [
            { key: 'open', label: s.open },
            { key: 'breached', label: s.breached },
          ],
          rows: data.sla.map((r) => ({ id: r.officeCode, label: officeName(r), values: { open: r.open, breached: r.breached } })),
        },
        {
          key: 'processing',
          title: s.processing,
          rowHeader: s.officeCol,
          columns: [
            { key: 'medianHours', label: s.medianHours, fraction: 1 },
            { key: 'decided', label: s.decided, chart: false },
          ],
          rows: data.processing.map((r) => ({ id: r.officeCode, label: officeName(r), values: { medianHours: r.medianHours, decided: r.decided } })),
        },
        {
          key: 'registrations',
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
        <Field name="from" idPrefix="dash" type="date" label={s.from} defaultValue={query.from} />
        <Field name="to" idPrefix="dash" type="date" label={s.to} defaultValue={query.to} />
        <button type="submit" className="btn btn-secondary">
          {s.show}
        </button>
      </form>
      <ProblemAlert error={error} />
      {loading && <p aria-live="polite">…</p>}
      {data && qs && (
        <>
          <p aria-live="polite">
            {s.scopeKey(data.scope === 'hq' ? s.scopes.hq : `${s.scopes[data.scope]} ${data.scopeKey}`)} —{' '}
            {data.from || data.to ? s.range(data.from ? formatDate(data.from, locale) : '…', data.to ? formatDate(data.to, locale) : '…') : s.allTime}
          </p>
          {tables.map((spec) => (
            <DashSection key={spec.key} spec={spec} csvHref={`/api/v1/dashboards/applications.csv?${qs}&table=${spec.key}`} />
          ))}
        </>
      )}
    </>
  );
}

interface TableSpec {
  key: DashboardTable;
  title: string;
  rowHeader: string;
  /** Number columns; `fraction` = decimals shown; `chart: false` = table only. */
  columns: { key: string; label: string; fraction?: number; chart?: boolean }[];
  rows: { id: string; label: string; values: Record<string, number | null> }[];
}

function format(v: number | null, locale: UiLocale, fraction = 0): string {
  return v === null ? '—' : numberFormat(locale, fraction).format(v);
}

/** One dashboard table: the bar chart (role="img" with a spoken summary), its data table and the CSV link. */
function DashSection({ spec, csvHref }: { spec: TableSpec; csvHref: string }) {
  const s = useS();
  const locale = useLocale();
  const rtl = locale === 'ar';
  const headingId = `dash-${spec.key}-h`;
  const charted = spec.columns.filter((c) => c.chart !== false);
  const sep = rtl ? '؛ ' : '; ';
  const comma = rtl ? '، ' : ', ';
  const summary = s.chartSummary(spec.title, spec.rows.map((r) => `${r.label}: ${charted.map((c) => `${c.label} ${format(r.values[c.key] ?? null, locale, c.fraction)}`).join(comma)}`).join(sep));
  const chartData = spec.rows.map((r) => ({ label: r.label, ...r.values }));
  const tick = (v: number) => numberFormat(locale, 1).format(v);
  return (
    <section className="dash-section" aria-labelledby={headingId} data-table={spec.key}>
      <h2 id={headingId}>{spec.title}</h2>
      {spec.rows.length === 0 ? (
        <p>{s.empty}</p>
      ) : (
        <div className="dash-grid">
          <figure className="dash-figure" role="img" aria-label={summary}>
            {/* The figure's label speaks the numbers; recharts' own SVG labels (English "legend icon") stay silent. */}
            <div aria-hidden="true">
            <ResponsiveContainer width="100%" height={280}>
              <BarChart data={chartData} accessibilityLayer={false} margin={{ top: 8, bottom: 8 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="label" reversed={rtl} interval={0} tick={{ fontSize: 12 }} />
                <YAxis orientation={rtl ? 'right' : 'left'} allowDecimals={false} tickFormatter={tick} tick={{ fontSize: 12 }} width={48} />
                {charted.length > 1 && <Legend />}
                {charted.map((c, i) => (
                  <Bar key={c.key} dataKey={c.key} name={c.label} fill={COLOURS[i % COLOURS.length]} isAnimationActive={false} />
                ))}
              </BarChart>
            </ResponsiveContainer>
            </div>
          </figure>
          <TableWrap label={spec.title}>
            <table>
              <caption>{spec.title}</caption>
              <thead>
                <tr>
                  <th scope="col">{spec.rowHeader}</th>
                  {spec.columns.map((c) => (
                    <th scope="col" key={c.key}>
                      {c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {spec.rows.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">{r.label}</th>
                    {spec.columns.map((c) => (
                      <td key={c.key} data-col={c.key}>
                        {format(r.values[c.key] ?? null, locale, c.fraction)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </div>
      )}
      <p>
        <a href={csvHref} download>
          {s.csv(spec.title)}
        </a>
      </p>
    </section>
  );
}
