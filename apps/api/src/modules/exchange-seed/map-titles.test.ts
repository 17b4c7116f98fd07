import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OccupationIndex } from '../reference/occupation-index.ts';
import { iscoGroups, readCsv, saPostings, type TitleMapRow } from './data.ts';
import { TITLE_MAP_FILE, TITLE_MAP_HEADER, methodOf, searchUnitGroup } from './map-titles.ts';
import { readFileSync } from 'node:fs';

const table = readCsv<TitleMapRow>(TITLE_MAP_FILE);
const units = new Map(iscoGroups().filter((g) => g.level === 4).map((g) => [g.code, g]));

test('the reviewed table has one row per distinct posting title, with the right posting counts', () => {
  assert.equal(readFileSync(TITLE_MAP_FILE, 'utf8').split('\n')[0], TITLE_MAP_HEADER.join(','));
  const counts = new Map<string, number>();
  for (const p of saPostings()) counts.set(p.job_title_ar, (counts.get(p.job_title_ar) ?? 0) + 1);
  assert.equal(table.length, counts.size);
  assert.equal(new Set(table.map((r) => r.job_title_ar)).size, table.length, 'no duplicate titles');
  for (const r of table) assert.equal(Number(r.postings), counts.get(r.job_title_ar), r.job_title_ar);
  assert.equal(
    table.reduce((s, r) => s + Number(r.postings), 0),
    1000,
  );
});

test('every title is reviewed to a real ISCO-08 unit group, and every correction says why', () => {
  for (const r of table) {
    assert.ok(units.has(r.reviewed_isco), `«${r.job_title_ar}»: ${r.reviewed_isco} is not a unit group`);
    assert.equal(r.method, methodOf(r.search_isco, r.reviewed_isco), r.job_title_ar);
    if (r.method !== 'search_exact') assert.ok(r.note.length > 10, `«${r.job_title_ar}» needs a reason`);
  }
});

test('the search columns are what our occupation search answers today (the table is not stale)', () => {
  const index = new OccupationIndex(iscoGroups());
  for (const r of table) {
    const hit = searchUnitGroup(index, r.job_title_ar);
    assert.equal(hit?.code ?? '', r.search_isco, r.job_title_ar);
    assert.equal(hit?.titleAr ?? '', r.search_title_ar, r.job_title_ar);
  }
});

test('spot checks of the review: common titles land where an ISCO coder would put them', () => {
  const isco = (t: string) => table.find((r) => r.job_title_ar === t)?.reviewed_isco;
  assert.equal(isco('محاسب'), '2411');
  assert.equal(isco('بائع'), '5223', 'a salesperson is not a fishmonger (7511)');
  assert.equal(isco('نادل'), '5131');
  assert.equal(isco('سائق شاحنة ثقيلة'), '8332');
  assert.equal(isco('مدير قواعد بيانات'), '2521', 'a DBA, not a manager');
  assert.equal(isco('طبيب نفسي'), '2212', 'a psychiatrist is a medical specialist, not a psychologist');
});
