import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import PDFDocument from 'pdfkit';
import { breakLines, layoutParagraph, shaperIsRtl, visualRuns } from './bidi-text.ts';
import { PDF_FONT_FILES } from './document-pdf.ts';

/** Runs as [text handed to pdfkit, rtl] pairs, left to right. */
function runs(text: string, dir: 'rtl' | 'ltr'): Array<[string, boolean]> {
  return visualRuns(text, dir).map((r) => [r.text, r.rtl]);
}

test('an Arabic line is one right-to-left run handed over in logical order (fontkit reverses it)', () => {
  assert.deepEqual(runs('عقد عمل موثق', 'rtl'), [['عقد عمل موثق', true]]);
  assert.equal(shaperIsRtl('عقد'), true);
  assert.equal(shaperIsRtl('(2026)'), false);
});

test('amount and currency inside Arabic: runs come out in visual order, number rightmost after the label', () => {
  // Visual, left to right: شهريًا | SAR | 2,500.00 | الأجر  → read right to left: الأجر 2,500.00 SAR شهريًا
  assert.deepEqual(runs('الأجر 2,500.00 SAR شهريًا', 'rtl'), [
    [' شهريًا', true],
    ['SAR', false],
    [' ', true],
    ['2,500.00', false],
    ['الأجر ', true],
  ]);
});

test('ISO dates, times and RFC 3339 stamps keep their written order inside Arabic (isolated)', () => {
  assert.deepEqual(runs('تاريخ البدء 2026-12-01', 'rtl'), [
    ['2026-12-01', false],
    ['تاريخ البدء ', true],
  ]);
  assert.deepEqual(runs('وقت التوقيع: 2026-11-20T09:30:00Z', 'rtl'), [
    ['2026-11-20T09:30:00Z', false],
    ['وقت التوقيع: ', true],
  ]);
  // In an English line too (the Arabic word would otherwise turn the digits into Arabic numbers).
  assert.deepEqual(runs('بدء 2026-12-01', 'ltr'), [
    ['بدء', true],
    [' ', false],
    ['2026-12-01', false],
  ]);
});

test('codes with letters first are left alone; a code is one left-to-right run', () => {
  assert.deepEqual(runs('رمز التحقق EG-7K3M-9QXD-2HFA', 'rtl'), [
    ['EG-7K3M-9QXD-2HFA', false],
    ['رمز التحقق ', true],
  ]);
});

test('brackets are mirrored in right-to-left runs; a Latin name in parentheses stays in order', () => {
  // Logical: العامل محمود (Mahmoud Hassan Ali) — visually "(Mahmoud Hassan Ali) محمود العامل".
  // The Arabic run carries the logical "(" mirrored to ")": after fontkit reverses it, ")" is its leftmost glyph.
  assert.deepEqual(runs('العامل محمود (Mahmoud Hassan Ali)', 'rtl'), [
    ['(', true],
    ['Mahmoud Hassan Ali', false],
    ['العامل محمود )', true],
  ]);
  assert.deepEqual(runs('(موثق)', 'rtl'), [[')موثق(', true]]);
  assert.deepEqual(runs('«نص»', 'rtl'), [['»نص«', true]]);
});

test('Arabic-Indic digits (an even-level run in Arabic script) are pre-reversed so fontkit restores them', () => {
  assert.deepEqual(runs('صفحة ١٢ من ٣', 'rtl'), [
    ['٣', false],
    [' من ', true],
    ['٢١', false],
    ['صفحة ', true],
  ]);
});

test('an English line with an Arabic phrase keeps English left to right and the phrase right to left', () => {
  assert.deepEqual(runs('Worker: محمود حسن (passport A12345678)', 'ltr'), [
    ['Worker: ', false],
    ['محمود حسن', true],
    [' (passport A12345678)', false],
  ]);
});

test('breakLines: breaks at spaces in logical order and cuts an over-long word', () => {
  const measure = (s: string): number => s.length; // 1 unit per character
  const text = 'aa bbb cc dddddddddd e';
  const lines = breakLines(text, 6, measure).map((l) => text.slice(l.start, l.end));
  assert.deepEqual(lines, ['aa bbb', 'cc', 'dddddd', 'dddd e']);
  assert.deepEqual(breakLines('   ', 10, measure), []);
});

test('breakLines (property): words stay in logical order, none is lost, and no line is wider than the box', () => {
  const word = fc.stringMatching(/^[a-zء-ي0-9]{1,12}$/);
  fc.assert(
    fc.property(fc.array(word, { minLength: 1, maxLength: 30 }), fc.integer({ min: 4, max: 40 }), (words, width) => {
      const text = words.join(' ');
      const measure = (s: string): number => Array.from(s).length;
      const lines = breakLines(text, width, measure);
      for (const l of lines) assert.ok(measure(text.slice(l.start, l.end)) <= width);
      assert.equal(lines.map((l) => text.slice(l.start, l.end)).join('').replace(/ /g, ''), words.join(''));
    }),
  );
});

test('layoutParagraph with the real font: wrapped Arabic lines fit the box, each line reordered on its own', () => {
  const doc = new PDFDocument({ autoFirstPage: false });
  doc.registerFont('ar', PDF_FONT_FILES.regular);
  const text = 'يدفع صاحب العمل للعامل أجرًا أساسيًا قدره 2,500.00 SAR شهريًا في موعد أقصاه 2026-12-07 بالتحويل إلى حساب العامل';
  const layout = layoutParagraph(doc, text, { width: 150, dir: 'rtl', fontSize: 11, font: 'ar' });
  assert.ok(layout.lines.length >= 3);
  for (const line of layout.lines) assert.ok(line.width <= 150 + 0.01, `line "${line.logical}" is ${line.width} pt wide`);
  // The logical lines concatenate back to the paragraph.
  assert.equal(layout.lines.map((l) => l.logical).join(' '), text);
  // The line that holds the amount: the number run is to the right of SAR (read right to left: 2,500.00 SAR).
  const withAmount = layout.lines.find((l) => l.logical.includes('2,500.00 SAR'));
  assert.ok(withAmount);
  const texts = withAmount.runs.map((r) => r.text);
  assert.ok(texts.indexOf('2,500.00') > texts.indexOf('SAR'));
  assert.equal(layout.height, layout.lines.length * layout.lineHeight);
});
