import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Occupation } from '@rabt/contracts';
import { foldForSearch } from './arabic.ts';
import { OccupationIndex } from './occupation-index.ts';

const rows = parse<Record<string, string>>(readFileSync(new URL('../../../data/reference/isco08_groups.csv', import.meta.url), 'utf8'), { columns: true, bom: true });
const index = new OccupationIndex(
  rows.map((r): Occupation => ({ code: r.code!, level: Number(r.level), parentCode: r.parent_code || null, titleEn: r.title_en!, titleAr: r.title_ar!, escoUri: r.esco_uri! })),
);

test('the reference file has all 619 ISCO-08 groups, each with an Arabic title', () => {
  assert.equal(rows.length, 619);
  assert.deepEqual(
    [1, 2, 3, 4].map((l) => rows.filter((r) => Number(r.level) === l).length),
    [10, 43, 130, 436],
  );
  for (const r of rows) assert.match(r.title_ar!, /[\u0621-\u064A]/, r.code);
});

test('Arabic folding: hamza forms of alef, ta marbuta, alef maqsura, tatweel, diacritics', () => {
  assert.equal(foldForSearch('أإآا'), 'اااا');
  assert.equal(foldForSearch('مُهَنْدِس'), 'مهندس');
  assert.equal(foldForSearch('ممرضة'), foldForSearch('ممرضه'));
  assert.equal(foldForSearch('مستشفى'), foldForSearch('مستشفي'));
  assert.equal(foldForSearch('نـــجار'), 'نجار');
  assert.equal(foldForSearch('Software  Developers'), 'software developers');
  assert.equal(foldForSearch('٧٤١١'), '7411');
});

test('search finds occupations by Arabic word, English word and code prefix', () => {
  const codes = (q: string) => index.search(q, { limit: 10 }).map((o) => o.code);
  assert.ok(codes('نجار').includes('7115'), 'carpenter');
  assert.ok(codes('النجارون').includes('7115'), 'with the article');
  assert.ok(codes('software').includes('2512'));
  assert.ok(codes('مطورو البرمجيات').includes('2512'));
  assert.equal(codes('7411')[0], '7411');
  assert.ok(codes('74').every((c) => c.startsWith('74')));
  assert.ok(codes('اطباء').length > 0, 'أطباء without hamza');
  assert.ok(codes('كهرباء').some((c) => c.startsWith('741')), 'electricity finds electricians');
  assert.deepEqual(codes('zzzz-no-such-job'), []);
});

test('alternative labels: singular job titles find their unit groups', () => {
  const withAliases = new OccupationIndex(
    rows.map((r): Occupation => ({ code: r.code!, level: Number(r.level), parentCode: r.parent_code || null, titleEn: r.title_en!, titleAr: r.title_ar!, escoUri: r.esco_uri! })),
    parse<{ isco: string; label: string }>(readFileSync(new URL('../../../data/reference/occupation_aliases.csv', import.meta.url), 'utf8'), { columns: true, bom: true }),
  );
  const codes = (q: string) => withAliases.search(q, { limit: 5 }).map((o) => o.code);
  assert.ok(codes('ممرضة').includes('3221'));
  assert.ok(codes('nurse').includes('2221'));
  assert.ok(codes('نادل').includes('5131'));
  assert.equal(codes('سباك')[0], '7126');
  assert.ok(!index.search('نادل', { limit: 5 }).some((o) => o.code === '5131'), 'without aliases the plural-only titles miss it');
});

test('level filter and limit', () => {
  const majors = index.search('', { level: 1, limit: 100 });
  assert.equal(majors.length, 10);
  assert.equal(index.search('', { limit: 5 }).length, 5);
});
