import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SKILL_LEVEL_NAMES, SKILL_LEVELS, skillLevelNamesIn } from './skill-levels.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name === 'node_modules' || e.name === 'dist') return [];
    const path = join(dir, e.name);
    return e.isDirectory() ? sources(path) : /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

test('the skill levels carry the decree’s names: from «عامل مساعد» to «فني متخصص» (Decree 266/2025)', () => {
  assert.deepEqual(SKILL_LEVELS, ['assistant_worker', 'semi_skilled', 'skilled', 'technician', 'specialised_technician']);
  assert.deepEqual(SKILL_LEVEL_NAMES.assistant_worker, { ar: 'عامل مساعد', en: 'Assistant worker' });
  assert.deepEqual(SKILL_LEVEL_NAMES.specialised_technician, { ar: 'فني متخصص', en: 'Specialised technician' });
  assert.equal(SKILL_LEVEL_NAMES.semi_skilled.ar, 'شبه ماهر');
  assert.equal(skillLevelNamesIn('ar').technician, 'فني');
});

test('no other source file names the levels: one table, imported everywhere', () => {
  const offenders: string[] = [];
  for (const dir of ['apps/api/src', 'apps/web/src', 'packages/contracts/src']) {
    for (const file of sources(join(ROOT, dir))) {
      if (file.endsWith('skill-levels.ts')) continue;
      const text = readFileSync(file, 'utf8');
      // A second names table (`semi_skilled: { ar: …` or `semi_skilled: '…'`) or one of the variants it used to have.
      if (/semi_skilled:\s*[{'"]|نصف ماهر|فني أخصائي|عامل ماهر/.test(text)) offenders.push(relative(ROOT, file));
    }
  }
  assert.deepEqual(offenders, []);
});
