import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// Right-to-left first: the web app uses logical properties only (GUIDE §4); physical left/right breaks RTL.
const PHYSICAL = /(^|[^-\w])(margin|padding|border)-(left|right)\b|text-align:\s*(left|right)|float:\s*(left|right)|(^|[\s;{])(left|right)\s*:/m;

test('web styles use logical CSS properties only', () => {
  const dir = join(import.meta.dirname, 'src');
  const files = readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => /\.(css|tsx?)$/.test(f));
  assert.ok(files.length > 0);
  const offenders = files.filter((f) => PHYSICAL.test(readFileSync(join(dir, f), 'utf8')));
  assert.deepEqual(offenders, []);
});
