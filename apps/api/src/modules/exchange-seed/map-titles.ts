/**
 * Maps each distinct Arabic job title of the Saudi postings to an ISCO-08 unit group with OUR OWN
 * occupation search (the same `OccupationIndex` the API serves), and writes
 * `apps/api/data/exchange/sa_title_isco_map.csv`.
 *
 *   node --import tsx apps/api/src/modules/exchange-seed/map-titles.ts
 *
 * Columns: job_title_ar, postings, search_isco, search_title_ar, reviewed_isco, method, note.
 * - `search_*`: the search's best unit-group (level 4) hit for the full title, or failing that for the
 *   first of its words that finds one (empty when nothing does). Recomputed on every run.
 * - `reviewed_isco`, `note`: a person's decision, kept from the existing file on every run (a new
 *   title gets an empty `reviewed_isco` and the unit tests fail until someone reviews it).
 * - `method`: derived: `search_exact` (review accepted the search answer), `search_corrected` (the
 *   search found a unit group and review replaced it), `manual` (the search found none).
 * Seeding uses `reviewed_isco` only.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { OccupationIndex } from '../reference/occupation-index.ts';
import { EXCHANGE_DATA_DIR, iscoGroups, readCsv, saPostings, toCsv, type TitleMapRow } from './data.ts';

export const TITLE_MAP_FILE = join(EXCHANGE_DATA_DIR, 'sa_title_isco_map.csv');
export const TITLE_MAP_HEADER = ['job_title_ar', 'postings', 'search_isco', 'search_title_ar', 'reviewed_isco', 'method', 'note'];

/** The search's best level-4 hit for a title: the full title first, then each of its words in order. */
export function searchUnitGroup(index: OccupationIndex, titleAr: string): { code: string; titleAr: string } | null {
  const queries = [titleAr, ...titleAr.split(/\s+/).filter((w) => w.length > 1)];
  for (const q of queries) {
    const [hit] = index.search(q, { level: 4, limit: 1 });
    if (hit) return { code: hit.code, titleAr: hit.titleAr };
  }
  return null;
}

export function methodOf(searchIsco: string, reviewedIsco: string): string {
  if (!reviewedIsco) return '';
  if (!searchIsco) return 'manual';
  return searchIsco === reviewedIsco ? 'search_exact' : 'search_corrected';
}

/** The table as it should be now: search columns recomputed, review columns kept. Sorted by postings, then title. */
export function buildTitleMap(previous: TitleMapRow[]): string[][] {
  const index = new OccupationIndex(iscoGroups());
  const reviewed = new Map(previous.map((r) => [r.job_title_ar, r]));
  const counts = new Map<string, number>();
  for (const p of saPostings()) counts.set(p.job_title_ar, (counts.get(p.job_title_ar) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'ar'))
    .map(([title, n]) => {
      const hit = searchUnitGroup(index, title);
      const prev = reviewed.get(title);
      const reviewedIsco = prev?.reviewed_isco ?? '';
      return [title, String(n), hit?.code ?? '', hit?.titleAr ?? '', reviewedIsco, methodOf(hit?.code ?? '', reviewedIsco), prev?.note ?? ''];
    });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const previous = existsSync(TITLE_MAP_FILE) ? readCsv<TitleMapRow>(TITLE_MAP_FILE) : [];
  const rows = buildTitleMap(previous);
  writeFileSync(TITLE_MAP_FILE, toCsv(TITLE_MAP_HEADER, rows));
  const count = (m: string) => rows.filter((r) => r[5] === m);
  const postings = (rs: string[][]) => rs.reduce((s, r) => s + Number(r[1]), 0);
  const unreviewed = rows.filter((r) => !r[4]);
  console.log(`${rows.length} distinct titles, ${postings(rows)} postings`);
  for (const m of ['search_exact', 'search_corrected', 'manual']) console.log(`${m}: ${count(m).length} titles, ${postings(count(m))} postings`);
  console.log(`search found no unit group: ${rows.filter((r) => !r[2]).length} titles; not yet reviewed: ${unreviewed.length}`);
}
