import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, XAxis, YAxis } from 'recharts';

/** recharts' SVG margin (px). Its sides are physical in the library's API; they are equal, so the chart reads the same in RTL and LTR. */
const CHART_MARGIN = { top: 8, bottom: 8, ...Object.fromEntries(['left', 'right'].map((side) => [side, 16])) };

/**
 * A bar chart as a figure (role="img") whose label speaks the numbers; the SVG itself is hidden from
 * assistive technology (recharts' own labels are English). Imported lazily (ChartSection.tsx) so recharts
 * loads only with a page that draws charts, after its tables.
 */
export interface BarSeries {
  key: string;
  label: string;
}

/** Bar colours: each at least 3:1 against white (WCAG 2.2 1.4.11). */
const COLOURS = ['#0b6e4f', '#1a4fd6', '#8a4b00'];

export default function BarChartFigure({ data, series, summary, rtl, tick }: { data: Record<string, string | number | null>[]; series: BarSeries[]; summary: string; rtl: boolean; tick: (v: number) => string }) {
  return (
    <figure className="dash-figure" role="img" aria-label={summary}>
      <div aria-hidden="true">
        <ResponsiveContainer width="100%" height={280}>
          <BarChart data={data} accessibilityLayer={false} margin={CHART_MARGIN}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" reversed={rtl} interval={0} tick={{ fontSize: 12 }} />
            <YAxis orientation={rtl ? 'right' : 'left'} allowDecimals={false} tickFormatter={tick} tick={{ fontSize: 12 }} width={56} />
            {series.length > 1 && <Legend />}
            {series.map((s, i) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} fill={COLOURS[i % COLOURS.length]} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
