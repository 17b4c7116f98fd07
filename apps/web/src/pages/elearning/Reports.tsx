import { useState, type FormEvent } from 'react';
import type { CentreReportRow, CourseReportRow, ElearningReport, StaffMember, TrainingCentre } from '@rabt/contracts';
import { ChartSection, type ChartColumn, type ChartRow } from '../../ui/ChartSection.tsx';
import { Field, formValues, ProblemAlert, SelectField } from '../../ui/forms.tsx';
import { useLoad, useLocale, usePageTitle } from '../../ui/hooks.ts';
import { RequireStaff } from '../../ui/RequireStaff.tsx';
import type { UiLocale } from '../../i18n/index.ts';
import { useG } from './grading-strings.ts';

/**
 * `/training/reports` (issue 6 §9): per course and per centre — enrolments, completions, completion rate,
 * average score, attendance — for the caller's scope (trainer: own courses; centre manager: the centre;
 * HQ training: every centre or one). Each chart has the table of the same numbers beside it and a CSV
 * export; the tables render first and recharts loads after them (ui/ChartSection.tsx).
 */
export function ElearningReportsPage() {
  const g = useG();
  usePageTitle(g.reportsTitle);
  return <RequireStaff roles={['trainer', 'training_centre_manager', 'training_hq']} title={g.reportsTitle}>{(staff) => <Report staff={staff} />}</RequireStaff>;
}

interface Query {
  centre: string;
  from: string;
  to: string;
}

function measureRows<T extends CourseReportRow | CentreReportRow>(rows: T[], id: (r: T) => string, label: (r: T) => string, keys: (keyof T & string)[]): ChartRow[] {
  return rows.map((r) => ({ id: id(r), label: label(r), values: Object.fromEntries(keys.map((k) => [k, r[k] as number | null])) }));
}

function Report({ staff }: { staff: StaffMember }) {
  const g = useG();
  const locale: UiLocale = useLocale();
  const hq = staff.role === 'training_hq';
  const [query, setQuery] = useState<Query>({ centre: '', from: '', to: '' });
  const p = new URLSearchParams();
  if (query.centre) p.set('centre', query.centre);
  if (query.from) p.set('from', query.from);
  if (query.to) p.set('to', query.to);
  const qs = p.toString();
  const { data, error, loading } = useLoad<ElearningReport>(`/api/v1/training/reports/elearning${qs ? `?${qs}` : ''}`);
  const centres = useLoad<TrainingCentre[]>(hq ? '/api/v1/elearning/centres' : null);
  // The CSV's headers and labels in the UI's language (the API's default is Arabic).
  const csv = (table: string) => `/api/v1/training/reports/elearning.csv?${qs ? `${qs}&` : ''}table=${table}&lang=${locale}`;

  function apply(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    setQuery({ centre: v.centre ?? '', from: v.from ?? '', to: v.to ?? '' });
  }

  const counts: ChartColumn[] = [
    { key: 'enrolments', label: g.enrolmentsCol },
    { key: 'completed', label: g.completedCol },
    { key: 'awaitingGrading', label: g.awaitingCol, chart: false },
  ];
  const rates: ChartColumn[] = [
    { key: 'completionRate', label: g.completionRate, fraction: 1 },
    { key: 'averageScore', label: g.averageScore, fraction: 1 },
    { key: 'attendanceRate', label: g.attendanceRate, fraction: 1, chart: data?.attendanceAvailable !== false },
    { key: 'scoredTrainees', label: g.scoredCol, chart: false },
  ];
  const strings = { empty: g.empty, csv: g.csv, chartSummary: g.chartSummary };
  const courseLabel = (r: CourseReportRow) => (data?.scope === 'all' ? `${r.title[locale]} (${r.centreCode})` : r.title[locale]);
  return (
    <>
      <h1>{g.reportsTitle}</h1>
      {data && <p className="lead">{g.reportsLead[data.scope]}</p>}
      <p className="hint">{g.definitions}</p>
      <form className="form dash-filters" onSubmit={apply} aria-label={g.reportsTitle}>
        {hq && (
          <SelectField name="centre" idPrefix="rep" label={g.centre} defaultValue={query.centre}>
            <option value="">{g.allCentres}</option>
            {centres.data?.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name[locale]}
              </option>
            ))}
          </SelectField>
        )}
        <Field name="from" idPrefix="rep" type="date" label={g.from} defaultValue={query.from} />
        <Field name="to" idPrefix="rep" type="date" label={g.to} defaultValue={query.to} />
        <button type="submit" className="btn btn-secondary">
          {g.show}
        </button>
      </form>
      <ProblemAlert error={error} />
      {loading && <p aria-live="polite">…</p>}
      {data && (
        <>
          {!data.attendanceAvailable && <p className="hint">{g.noAttendance}</p>}
          <ChartSection
            id="courses-counts"
            title={g.enrolmentsByCourse}
            rowHeader={g.course}
            columns={counts}
            rows={measureRows(data.courses, (r) => r.courseId, courseLabel, ['enrolments', 'completed', 'awaitingGrading'])}
            csvHref={csv('courses')}
            strings={strings}
            locale={locale}
          />
          <ChartSection
            id="courses-rates"
            title={g.ratesByCourse}
            rowHeader={g.course}
            columns={rates}
            rows={measureRows(data.courses, (r) => r.courseId, courseLabel, ['completionRate', 'averageScore', 'attendanceRate', 'scoredTrainees'])}
            csvHref={csv('courses')}
            strings={strings}
            locale={locale}
          />
          {data.scope !== 'trainer' && (
            <>
              <ChartSection
                id="centres-counts"
                title={g.enrolmentsByCentre}
                rowHeader={g.centre}
                columns={[{ key: 'courses', label: g.courses, chart: false }, ...counts]}
                rows={measureRows(data.centres, (r) => r.centreId, (r) => r.centreName[locale], ['courses', 'enrolments', 'completed', 'awaitingGrading'])}
                csvHref={csv('centres')}
                strings={strings}
                locale={locale}
              />
              <ChartSection
                id="centres-rates"
                title={g.ratesByCentre}
                rowHeader={g.centre}
                columns={rates}
                rows={measureRows(data.centres, (r) => r.centreId, (r) => r.centreName[locale], ['completionRate', 'averageScore', 'attendanceRate', 'scoredTrainees'])}
                csvHref={csv('centres')}
                strings={strings}
                locale={locale}
              />
            </>
          )}
        </>
      )}
    </>
  );
}
