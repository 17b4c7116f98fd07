import { lazy, Suspense } from 'react';
import type { UiLocale } from '../i18n/index.ts';
import { TableWrap } from './forms.tsx';

/** recharts arrives with the first chart, after the tables are on screen (slow links read the table first). */
const BarChartFigure = lazy(() => import('./BarChartFigure.tsx'));

export interface ChartColumn {
  key: string;
  label: string;
  /** Decimals shown in the table. */
  fraction?: number;
  /** false = in the table only. */
  chart?: boolean;
}

export interface ChartRow {
  id: string;
  label: string;
  values: Record<string, number | null>;
}

export interface ChartSectionStrings {
  empty: string;
  csv: (title: string) => string;
  chartSummary: (title: string, parts: string) => string;
}

function numberFormat(locale: UiLocale, fraction = 0): Intl.NumberFormat {
  return new Intl.NumberFormat(locale === 'ar' ? 'ar-EG' : 'en-GB', { maximumFractionDigits: fraction });
}

export function formatNumber(v: number | null, locale: UiLocale, fraction = 0): string {
  return v === null ? '—' : numberFormat(locale, fraction).format(v);
}

/**
 * One report table with its bar chart beside it (a figure with a spoken summary of the same numbers), and
 * its CSV export. Used by the e-services dashboard (office/Dashboard.tsx) and the e-learning reports.
 * Classes `dash-section`, `dash-grid` and `dash-figure` come from office.css (loaded with the shell).
 */
export function ChartSection({ id, title, rowHeader, columns, rows, csvHref, strings, locale }: { id: string; title: string; rowHeader: string; columns: ChartColumn[]; rows: ChartRow[]; csvHref: string; strings: ChartSectionStrings; locale: UiLocale }) {
  const rtl = locale === 'ar';
  const headingId = `chart-${id}-h`;
  const charted = columns.filter((c) => c.chart !== false);
  const sep = rtl ? '؛ ' : '; ';
  const comma = rtl ? '، ' : ', ';
  const summary = strings.chartSummary(title, rows.map((r) => `${r.label}: ${charted.map((c) => `${c.label} ${formatNumber(r.values[c.key] ?? null, locale, c.fraction)}`).join(comma)}`).join(sep));
  const data = rows.map((r) => ({ label: r.label, ...r.values }));
  return (
    <section className="dash-section" aria-labelledby={headingId} data-table={id}>
      <h2 id={headingId}>{title}</h2>
      {rows.length === 0 ? (
        <p>{strings.empty}</p>
      ) : (
        <div className="dash-grid">
          <Suspense fallback={<p>{summary}</p>}>
            <BarChartFigure data={data} series={charted.map((c) => ({ key: c.key, label: c.label }))} summary={summary} rtl={rtl} tick={(v) => numberFormat(locale, 1).format(v)} />
          </Suspense>
          <TableWrap label={title}>
            <table>
              <caption>{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{rowHeader}</th>
                  {columns.map((c) => (
                    <th scope="col" key={c.key}>
                      {c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">{r.label}</th>
                    {columns.map((c) => (
                      <td key={c.key} data-col={c.key}>
                        {formatNumber(r.values[c.key] ?? null, locale, c.fraction)}
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
          {strings.csv(title)}
        </a>
      </p>
    </section>
  );
}
