import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Text, XAxis, YAxis } from 'recharts';

/** recharts' SVG margin (px). Its sides are physical in the library's API; they are equal, so the chart reads the same in RTL and LTR. */
const CHART_MARGIN = { top: 8, bottom: 8, ...Object.fromEntries(['left', 'right'].map((side) => [side, 16])) };

/** Width (px) of the row labels; a longer name wraps onto a second line, then ends in an ellipsis (the table beside it has it whole). */
const LABEL_WIDTH = 128;
/** Height (px) of one bar and the gap around each row's group of bars. */
const BAR = 14;
const ROW_GAP = 14;
/** Font size (px) and line height (em) of the row names. */
const NAME_FONT = 12;
const NAME_LINE = 1.35;
/**
 * Least height (px) of one row: a name wrapped onto its two lines plus a clear gap, so wrapped names never touch
 * their neighbours and the last one stays above the value axis.
 */
const MIN_ROW = Math.ceil(2 * NAME_FONT * NAME_LINE) + 12;

/**
 * A bar chart as a figure (role="img") whose label speaks the numbers; the SVG itself is hidden from
 * assistive technology (recharts' own labels are English). Imported lazily (ChartSection.tsx) so recharts
 * loads only with a page that draws charts, after its tables.
 *
 * Bars run along the reading direction (from the start edge: the right in Arabic), one row per item with
 * its name beside it, and the chart grows in height with the number of rows: names never overlap however
 * many rows there are (27 directorates, 35 offices) or however narrow the screen (360 px).
 */
export interface BarSeries {
  key: string;
  label: string;
}

/** Bar colours: each at least 3:1 against white (WCAG 2.2 1.4.11). */
const COLOURS = ['#0b6e4f', '#1a4fd6', '#8a4b00'];

/** The chart's height for `rows` rows of `series` bars each (plus the value axis and the legend). */
export function chartHeight(rows: number, series: number): number {
  return rows * Math.max(series * BAR + ROW_GAP, MIN_ROW) + 40 + (series > 1 ? 32 : 0);
}

/**
 * The legend, in place of recharts' default one (whose icons carry an English aria-label, «… legend icon»): a
 * colour swatch (decorative, hidden from assistive technology) beside each series name in the UI language.
 */
function SeriesLegend({ series }: { series: BarSeries[] }) {
  return (
    <ul className="dash-legend">
      {series.map((s, i) => (
        <li key={s.key}>
          <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
            <rect width="12" height="12" fill={COLOURS[i % COLOURS.length]} />
          </svg>
          {s.label}
        </li>
      ))}
    </ul>
  );
}

interface TickProps {
  x?: number | string;
  y?: number | string;
  payload?: { value?: string | number };
}

export default function BarChartFigure({ data, series, summary, rtl, tick }: { data: Record<string, string | number | null>[]; series: BarSeries[]; summary: string; rtl: boolean; tick: (v: number) => string }) {
  // Names beside the axis, on the start side; each ends at the axis (SVG anchors follow the text's direction, set explicitly).
  const NameTick = ({ x, y, payload }: TickProps) => (
    <Text x={Number(x)} y={Number(y)} width={LABEL_WIDTH - 8} maxLines={2} lineHeight={`${NAME_LINE}em`} textAnchor="end" verticalAnchor="middle" fontSize={NAME_FONT} fill="#1f2328" style={{ direction: rtl ? 'rtl' : 'ltr' }}>
      {String(payload?.value ?? '')}
    </Text>
  );
  return (
    <figure className="dash-figure" role="img" aria-label={summary}>
      <div aria-hidden="true">
        <ResponsiveContainer width="100%" height={chartHeight(data.length, series.length)}>
          <BarChart data={data} layout="vertical" accessibilityLayer={false} margin={CHART_MARGIN} barCategoryGap={ROW_GAP / 2} barSize={BAR}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" reversed={rtl} allowDecimals={false} tickFormatter={tick} tick={{ fontSize: 12 }} />
            <YAxis type="category" dataKey="label" orientation={rtl ? 'right' : 'left'} interval={0} width={LABEL_WIDTH} tick={NameTick} tickLine={false} />
            {series.length > 1 && <Legend content={() => <SeriesLegend series={series} />} />}
            {series.map((s, i) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} fill={COLOURS[i % COLOURS.length]} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
