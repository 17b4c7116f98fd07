import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ORIENTATION_DIR, buildOrientation, orientationCountries, statementsWithoutSource, type BuiltLesson } from './orientation.data.ts';

const minorUnits = (country: string) => (country === 'KW' || country === 'JO' ? 3 : 2);
const lessonsOf = (country: string): BuiltLesson[] => buildOrientation(country, minorUnits(country)).modules.flatMap((m) => m.lessons);

/** Every `sources` array in a data file, wherever it is (lessons, the attaché paragraph). */
function rawSources(value: unknown, out: unknown[] = []): unknown[] {
  if (Array.isArray(value)) for (const v of value) rawSources(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'sources' && Array.isArray(v)) out.push(...(v as unknown[]));
      else rawSources(v, out);
    }
  }
  return out;
}

test('every source in the orientation files has an Arabic and an English title', () => {
  const files = readdirSync(ORIENTATION_DIR).filter((f) => f.endsWith('.json'));
  assert.ok(files.length >= 6);
  let count = 0;
  for (const file of files) {
    for (const s of rawSources(JSON.parse(readFileSync(join(ORIENTATION_DIR, file), 'utf8')))) {
      count++;
      assert.ok(s && typeof s === 'object' && !Array.isArray(s), `${file}: a source is not an {ar, en} object: ${JSON.stringify(s)}`);
      const { ar, en } = s as { ar?: unknown; en?: unknown };
      assert.ok(typeof ar === 'string' && /[\u0621-\u064A]/.test(ar), `${file}: no Arabic title: ${JSON.stringify(s)}`);
      assert.ok(typeof en === 'string' && /[A-Za-z]/.test(en), `${file}: no English title: ${JSON.stringify(s)}`);
      // The English title is not the Arabic one again, and neither points learners at the product's internal notes.
      assert.ok(!/[\u0621-\u064A]/.test(en), `${file}: Arabic in the English title: ${en}`);
      assert.doesNotMatch(`${ar} ${en}`, /domain-data|shared\/reference|\.json\b/, `${file}: internal file cited: ${en}`);
    }
  }
  assert.ok(count > 50, `${count} sources`);
});

test('every factual statement of every destination’s orientation cites a source of its lesson, and every source is cited', () => {
  const countries = orientationCountries();
  assert.deepEqual(countries, ['AE', 'JO', 'KW', 'QA', 'SA']);
  for (const country of countries) {
    for (const lesson of lessonsOf(country)) {
      assert.deepEqual(statementsWithoutSource(lesson), [], `${country} "${lesson.title.en}"`);
      const cited = new Set(
        [lesson.body.ar.slice(0, lesson.body.ar.lastIndexOf('\n## المصادر\n')), lesson.body.en.slice(0, lesson.body.en.lastIndexOf('\n## Sources\n'))]
          .join('\n')
          .match(/\[[0-9٠-٩]+\]/g)
          ?.map((m) => m.replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x660))) ?? [],
      );
      lesson.sources.forEach((_s, i) => assert.ok(cited.has(`[${i + 1}]`), `${country} "${lesson.title.en}": source ${i + 1} is never cited`));
    }
  }
});

test('the Arabic lesson lists each source by its Arabic title (Arabic-Indic citation numbers), the English lesson by its English title', () => {
  const help = lessonsOf('SA').find((l) => l.title.en === 'Where to complain in Saudi Arabia');
  assert.ok(help);
  const ar = help.body.ar.slice(help.body.ar.indexOf('## المصادر'));
  const en = help.body.en.slice(help.body.en.indexOf('## Sources'));
  // Arabic-Indic digits in the Arabic title, the English original as written.
  assert.match(ar, /^- الرقم الموحد لوزارة الموارد البشرية والتنمية الاجتماعية ١٩٩١١: .* — MHRSD unified number 19911: .* \[١\]$/m);
  assert.match(en, /^- MHRSD unified number 19911: Saudi Gazette via Zawya, 14 Jun 2022 \[1\]$/m);
  assert.doesNotMatch(en, /[\u0621-\u064A]/);
  // The statement and its citation, in both languages.
  assert.match(help.body.ar, /١٩٩١١.*\[١\]/);
  assert.match(help.body.en, /19911.*\[1\]/);
});

test('a factual statement without a citation, or citing a source the lesson does not have, is reported', () => {
  const lesson: BuiltLesson = {
    title: { ar: 'س', en: 'T' },
    body: { ar: '# عنوان\nالراحة 24 ساعة.\nنصيحة عامة.\n\n## المصادر\n- م — S [١]', en: '# Title\nRest is 24 hours. [2]\nGeneral advice.\n\n## Sources\n- S [1]' },
    sources: [{ ar: 'م', en: 'S' }],
  };
  assert.deepEqual(statementsWithoutSource(lesson), [
    { lang: 'ar', line: 'الراحة 24 ساعة.' },
    { lang: 'en', line: 'Rest is 24 hours. [2]' },
  ]);
});
