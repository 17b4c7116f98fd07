/** The results table: measure, value, floor, ratio, target, verdict. Context rows carry no target. */

export type Verdict = 'PASS' | 'FAIL' | 'info';

export interface Row {
  measure: string;
  value: string;
  floor: string;
  ratio: string;
  target: string;
  verdict: Verdict;
}

/** A row compared with a floor measured in the same run: `ratio = value / floor`. */
export function ratioRow(measure: string, value: number, floor: number, unit: string, cmp: '>=' | '<=', target: number, digits = 0): Row {
  const ratio = value / floor;
  const ok = cmp === '>=' ? ratio >= target : ratio <= target;
  return {
    measure,
    value: `${value.toFixed(digits)} ${unit}`,
    floor: `${floor.toFixed(digits)} ${unit}`,
    ratio: `${ratio.toFixed(2)} ×`,
    target: `${cmp === '>=' ? '≥' : '≤'} ${target} × floor`,
    verdict: ok ? 'PASS' : 'FAIL',
  };
}

/** A row against an absolute limit (only where the issue sets one); printed as such. */
export function absoluteRow(measure: string, value: number, unit: string, max: number, digits = 1): Row {
  return { measure, value: `${value.toFixed(digits)} ${unit}`, floor: '—', ratio: '—', target: `≤ ${max} ${unit} (absolute)`, verdict: value <= max ? 'PASS' : 'FAIL' };
}

/** Context only: no target. */
export function infoRow(measure: string, value: string, floor = '—', ratio = '—'): Row {
  return { measure, value, floor, ratio, target: '—', verdict: 'info' };
}

export function printTable(rows: Row[]): void {
  const head: Row = { measure: 'measure', value: 'value', floor: 'floor', ratio: 'ratio', target: 'target', verdict: 'info' };
  const cols = ['measure', 'value', 'floor', 'ratio', 'target', 'verdict'] as const;
  const cell = (r: Row, c: (typeof cols)[number]): string => (r === head && c === 'verdict' ? 'result' : r[c]);
  const widths = cols.map((c) => Math.max(...[head, ...rows].map((r) => cell(r, c).length)));
  const line = (r: Row): string => cols.map((c, i) => cell(r, c).padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}
