import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Options } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { CsvParser, CsvSyntaxError, openRegister, type SheetRow } from './register-reader.ts';

/** Records as csv-parse (the reference RFC 4180 parser, strict quotes) reads them, or 'error'. */
function reference(text: string): string[][] | 'error' {
  try {
    const options: Options = { bom: true, relax_column_count: true };
    return parse(text, options);
  } catch {
    return 'error';
  }
}

/** Records as CsvParser reads `text` fed in pieces cut at `cuts`, or 'error'. */
function ours(text: string, cuts: number[]): string[][] | 'error' {
  const p = new CsvParser();
  const out: SheetRow[] = [];
  try {
    let from = 0;
    for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
      p.feed(text.slice(from, cut), out);
      from = cut;
    }
    p.feed(text.slice(from), out);
    p.end(out);
  } catch (e) {
    if (e instanceof CsvSyntaxError) return 'error';
    throw e;
  }
  out.forEach((r, i) => assert.equal(r.line, i + 1, 'records are numbered in order, blank lines included'));
  return out.map((r) => r.cells);
}

test('CSV: the same records as csv-parse (quotes, escaped quotes, line breaks in cells, blank lines, BOM, CRLF/LF/CR), however the text is cut', () => {
  const cell = fc.oneof(
    fc.constantFrom('', 'a', 'محمد', ' x ', '١٢٣', 'b c'),
    fc.constantFrom('"q"', '"a,b"', '"x""y"', '""', '"line\nbreak"', '"cr\r\nlf"'),
    fc.constantFrom('a"b', '"open', '"closed" x'), // broken quoting: both parsers refuse it
  );
  const row = fc.array(cell, { minLength: 1, maxLength: 4 }).map((cells) => cells.join(','));
  fc.assert(
    fc.property(fc.array(row, { maxLength: 6 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean(), fc.boolean(), fc.array(fc.nat(), { maxLength: 5 }), (rows, eol, bom, trailing, cuts) => {
      const text = (bom ? '\uFEFF' : '') + rows.join(eol) + (trailing ? eol : '');
      const want = reference(text);
      const got = ours(
        text,
        cuts.map((c) => (text.length ? c % (text.length + 1) : 0)),
      );
      assert.deepEqual(got, want, JSON.stringify(text));
    }),
    { numRuns: 3000 },
  );
});

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
