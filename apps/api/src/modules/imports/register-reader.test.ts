import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRegister, type SheetRow } from './register-reader.ts';

test('CSV file: rows in chunks with spreadsheet line numbers; blank lines are counted, not returned', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rabt-reader-'));
  try {
    const path = join(dir, 'r.csv');
    const lines = ['h1,h2', '', '1,"a, b"', '2,"multi', 'line"', ...Array.from({ length: 1500 }, (_, i) => `${i + 3},x${i}`)];
    writeFileSync(path, '\uFEFF' + lines.join('\r\n') + '\r\n');
    const reader = openRegister(path, 'csv');
    const rows: SheetRow[] = [];
    for (let c = await reader.chunks.next(); !c.done; c = await reader.chunks.next()) {
      assert.ok(c.value.length > 0 && c.value.length <= 512);
      rows.push(...c.value);
    }
    reader.close();
    assert.deepEqual(rows.slice(0, 4), [
      { line: 1, cells: ['h1', 'h2'] },
      { line: 3, cells: ['1', 'a, b'] },
      { line: 4, cells: ['2', 'multi\r\nline'] },
      { line: 5, cells: ['3', 'x0'] },
    ]);
    assert.equal(rows.length, 1503);
    assert.deepEqual(rows.at(-1), { line: 1504, cells: ['1502', 'x1499'] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
