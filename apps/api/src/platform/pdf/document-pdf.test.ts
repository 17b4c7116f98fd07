import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ASSETS_DIR } from '../paths.ts';
import { PDF_FONT_FILES, renderDocumentPdf, type DocumentPdfView } from './document-pdf.ts';
import { dateTimeText } from './dates.ts';
import { SAMPLE_CLAUSES, sampleContractView } from './sample-contract.ts';

/** poppler-utils reads the PDF back; CI installs it (.ci/run). Fail loudly rather than skip if it is missing. */
function poppler(tool: 'pdftotext' | 'pdfinfo' | 'pdffonts' | 'pdfimages', args: string[]): string {
  const r = spawnSync(tool, args, { encoding: 'utf8' });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(`${tool} not found: the PDF tests need poppler-utils (apt-get install poppler-utils)`);
  }
  if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

interface Word {
  text: string;
  xMin: number;
  yMin: number;
}

/** Words of one page with their boxes (`pdftotext -bbox-layout`). Arabic words come out in visual order. */
function words(file: string, page: number): Word[] {
  const html = poppler('pdftotext', ['-f', String(page), '-l', String(page), '-bbox-layout', file, '-']);
  const out: Word[] = [];
  for (const m of html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)<\/word>/g)) {
    out.push({ text: m[3] ?? '', xMin: Number(m[1]), yMin: Number(m[2]) });
  }
  return out;
}

/**
 * poppler writes an Arabic word's characters in visual (left-to-right) order: reverse to compare. Marks
 * (harakat such as the tanween in شهريًا) are dropped: poppler sometimes splits them off as a word of their own.
 */
const logicalArabic = (visual: string): string =>
  Array.from(visual.replace(/[\u064B-\u065F\u0670]/g, ''))
    .reverse()
    .join('');

/**
 * The x positions of `sequence` (logical order) on a single line of the page.
 * `arabic` words are matched after undoing poppler's visual character order.
 */
function xPositions(all: Word[], sequence: Array<{ text: string; arabic?: boolean }>): number[] {
  const first = sequence[0];
  assert.ok(first);
  const starts = all.filter((w) => (first.arabic ? logicalArabic(w.text) : w.text) === first.text);
  for (const start of starts) {
    const line = all.filter((w) => Math.abs(w.yMin - start.yMin) < 1);
    const used = new Set<Word>();
    const xs = sequence.map((s) => {
      const w = line.find((c) => !used.has(c) && (s.arabic ? logicalArabic(c.text) : c.text) === s.text);
      if (w) used.add(w);
      return w?.xMin;
    });
    if (xs.every((x) => x !== undefined)) return xs;
  }
  assert.fail(`no line holds all of ${JSON.stringify(sequence.map((s) => s.text))}`);
}

const isDecreasing = (xs: number[]): boolean => xs.every((x, i) => i === 0 || x < (xs[i - 1] ?? Infinity));
const isIncreasing = (xs: number[]): boolean => xs.every((x, i) => i === 0 || x > (xs[i - 1] ?? -Infinity));

let dir: string;
let samplePdf: Buffer;
let sampleFile: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rabt-pdf-'));
  samplePdf = await renderDocumentPdf(sampleContractView());
  sampleFile = join(dir, 'sample.pdf');
  writeFileSync(sampleFile, samplePdf);
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('the sample contract is a 3-page A4 PDF with Arabic language and metadata from the view', () => {
  assert.equal(samplePdf.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.match(samplePdf.subarray(-8).toString('latin1'), /%%EOF\s*$/);
  const info = poppler('pdfinfo', [sampleFile]);
  assert.match(info, /^Pages:\s+3$/m);
  assert.match(info, /^Page size:\s+595\.28 x 841\.89 pts \(A4\)$/m);
  assert.match(info, /^Title:\s+عقد عمل — Employment contract$/m);
  assert.match(info, /^Keywords:\s+EG-7K3M-9QXD-2HFA$/m);
  assert.match(info, /^CreationDate:\s+Fri Nov 20 09:30:00 2026 UTC$/m); // the latest signature, not the clock
  assert.match(samplePdf.toString('latin1'), /\/Lang \(ar\)/);
  assert.ok(samplePdf.length < 150_000, `${samplePdf.length} bytes`);
});

test('rendering is reproducible: the same view gives the same bytes', async () => {
  const again = await renderDocumentPdf(sampleContractView());
  assert.ok(again.equals(samplePdf));
});

test('the embedded fonts are subsets of the vendored Amiri files (checked against SOURCE.md)', () => {
  const fonts = poppler('pdffonts', [sampleFile]);
  assert.match(fonts, /^[A-Z]{6}\+Amiri-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/m);
  assert.match(fonts, /^[A-Z]{6}\+Amiri-Bold\s+CID TrueType\s+Identity-H\s+yes yes yes/m);
  assert.equal(fonts.trim().split('\n').length, 4, fonts); // header, rule, 2 fonts: no fallback font
  assert.ok(PDF_FONT_FILES.regular.startsWith(ASSETS_DIR) && PDF_FONT_FILES.bold.startsWith(ASSETS_DIR));
  const source = readFileSync(join(ASSETS_DIR, 'fonts', 'SOURCE.md'), 'utf8');
  for (const file of [PDF_FONT_FILES.regular, PDF_FONT_FILES.bold]) {
    const sha = createHash('sha256').update(readFileSync(file)).digest('hex');
    assert.ok(source.includes(sha), `${file} does not match the SHA-256 in SOURCE.md`);
  }
});

test('an Arabic line is laid out right to left (the first logical word has the largest x)', () => {
  const page1 = words(sampleFile, 1);
  // Employer name (value column, Arabic half).
  const name = xPositions(page1, ['شركة', 'للمقاولات', 'المحدودة'].map((text) => ({ text, arabic: true })));
  assert.ok(isDecreasing(name), JSON.stringify(name));
  // Verification instructions, second line.
  const instr = xPositions(page1, ['التحقق', 'دون', 'اتصال', 'بالإنترنت'].map((text) => ({ text, arabic: true })));
  assert.ok(isDecreasing(instr), JSON.stringify(instr));
  // Mixed: "2,500.00 SAR شهريًا" reads right to left: amount, then currency, then the Arabic word.
  const wage = xPositions(page1, [{ text: '2,500.00' }, { text: 'SAR' }, { text: 'شهري', arabic: true }]);
  assert.ok(isDecreasing(wage), JSON.stringify(wage));
  // Every word of the Arabic title/issuer column is in the right half of the page.
  const issuer = xPositions(page1, ['وزارة', 'العمل'].map((text) => ({ text, arabic: true })));
  assert.ok(issuer.every((x) => x > 595.28 / 2));
});

test('an English line is laid out left to right, in the left half', () => {
  const page1 = words(sampleFile, 1);
  const xs = xPositions(page1, ['Riyadh', 'Contracting', 'Company', 'Ltd.'].map((text) => ({ text })));
  assert.ok(isIncreasing(xs), JSON.stringify(xs));
  assert.ok(xs.every((x) => x < 595.28 / 2));
});

test('dates and digits keep their order inside Arabic clauses', () => {
  const page2 = words(sampleFile, 2);
  // Clause 2: "... تبدأ من 2026-12-01، ..." — the date is one word, written forwards, left of "من".
  const date = page2.find((w) => w.text.includes('2026-12-01') && w.xMin > 595.28 / 2);
  assert.ok(date, 'the start date in the Arabic clause');
  assert.match(date.text, /^،?2026-12-01،?$/);
  const xs = xPositions(page2, [{ text: 'تبدأ', arabic: true }, { text: 'من', arabic: true }]);
  assert.ok(isDecreasing([...xs, date.xMin]));
});

test('page footers read "صفحة ١ من ٣" and "Page 1 of 3"; pages 2+ repeat the title', () => {
  const text = poppler('pdftotext', ['-layout', sampleFile, '-']);
  for (const n of [1, 2, 3]) assert.match(text, new RegExp(`Page ${n} of 3`));
  ['١', '٢', '٣'].forEach((n, i) => {
    // The footer's Arabic words, read right to left: صفحة (rightmost), the page number, من, the page count.
    const all = words(sampleFile, i + 1);
    const label = all.find((w) => logicalArabic(w.text) === 'صفحة');
    assert.ok(label, `page ${i + 1}: no صفحة`);
    const rightToLeft = all
      .filter((w) => Math.abs(w.yMin - label.yMin) < 1 && w.xMin > 595.28 / 2)
      .sort((a, b) => b.xMin - a.xMin)
      .map((w) => logicalArabic(w.text));
    assert.deepEqual(rightToLeft, ['صفحة', n, 'من', '٣']);
  });
  const pages = text.split('\f');
  assert.ok(pages[1]?.includes('Employment contract') && pages[2]?.includes('Employment contract'));
  assert.ok(pages[0]?.includes('EG-7K3M-9QXD-2HFA'));
});

test('the QR code is an image on page 1 only, square', () => {
  const list = poppler('pdfimages', ['-list', sampleFile]);
  const images = list
    .split('\n')
    .slice(2)
    .map((l) => l.trim().split(/\s+/))
    .filter((cols) => cols[2] === 'image');
  assert.equal(images.length, 1, list);
  const [page, , , width, height] = images[0] ?? [];
  assert.equal(page, '1');
  assert.equal(width, height);
  assert.ok(Number(width) >= 300, 'at least 3 px per module for a version-19+ code');
});

test('long clause lists flow over several pages, and a clause longer than a page is split', async () => {
  const [first, , third] = SAMPLE_CLAUSES ?? [];
  assert.ok(first && third);
  const repeat = (text: string, n: number): string => Array.from({ length: n }, () => text).join(' ');
  const longClause = { ar: repeat(third.ar, 60), en: repeat(third.en, 60) };
  const view: DocumentPdfView = sampleContractView({
    sections: [{ heading: { ar: 'بنود', en: 'Clauses' }, clauses: [...Array.from({ length: 30 }, () => first), longClause] }],
    status: { text: { ar: 'ملغى', en: 'Cancelled' }, tone: 'warning' },
  });
  const file = join(dir, 'long.pdf');
  writeFileSync(file, await renderDocumentPdf(view));
  const pages = Number(/^Pages:\s+(\d+)$/m.exec(poppler('pdfinfo', [file]))?.[1]);
  assert.ok(pages >= 6, `${pages} pages`);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  assert.ok(text.includes(`Page ${pages} of ${pages}`));
  assert.ok(text.includes('31.'), 'the long clause is numbered 31');
  // Nothing is drawn below the footer rule: every word's top is above the page's bottom margin.
  for (let p = 1; p <= pages; p++) {
    for (const w of words(file, p)) assert.ok(w.yMin < 841.89 - 30, `page ${p}: "${w.text}" at y=${w.yMin}`);
  }
});

test('"Signed at" is a date and time in Cairo time with the zone named, Arabic-Indic digits on the Arabic side', () => {
  const text = poppler('pdftotext', ['-layout', sampleFile, '-']);
  // 2026-11-18T10:42:07Z is 12:42 in Cairo (UTC+2 in November); no raw RFC 3339 timestamp is printed.
  assert.match(text, /Signed at: 18 November 2026, 12:42 Cairo time \(GMT\+02:00\)/);
  assert.match(text, /Signed at: 20 November 2026, 11:30 Cairo time \(GMT\+02:00\)/);
  assert.doesNotMatch(text, /2026-11-\d\dT/);
  // The Arabic line reads right to left: وقت التوقيع: ١٨ نوفمبر ٢٠٢٦، الساعة ١٢:٤٢ م بتوقيت القاهرة.
  const page3 = words(sampleFile, 3);
  const xs = xPositions(page3, [
    { text: 'وقت', arabic: true },
    { text: 'التوقيع:', arabic: true },
    { text: '١٨' },
    { text: 'نوفمبر', arabic: true },
    { text: 'الساعة', arabic: true },
    { text: '١٢:٤٢' },
    { text: 'م', arabic: true },
    { text: 'بتوقيت', arabic: true },
    { text: 'القاهرة', arabic: true },
  ]);
  assert.ok(isDecreasing(xs), JSON.stringify(xs));
  assert.ok(xs.every((x) => x > 595.28 / 2));
});

test('dateTimeText follows Cairo summer time (UTC+3 since 2023) and rejects what is not a timestamp', () => {
  assert.deepEqual(dateTimeText('2026-07-01T21:59:00Z'), { ar: '٢ يوليو ٢٠٢٦، الساعة ١٢:٥٩ ص بتوقيت القاهرة', en: '2 July 2026, 00:59 Cairo time (GMT+03:00)' });
  assert.throws(() => dateTimeText('2026-07-01'), RangeError);
  assert.throws(() => dateTimeText('yesterday'), RangeError);
});

test('a QR payload too long for any QR code is printed without its #token (online check), never an error', async () => {
  const view = sampleContractView();
  const pdf = await renderDocumentPdf({ ...view, qrPayload: `https://rabt.example/verify/EG-AAAA-BBBB-CCCC#${'x'.repeat(3000)}` });
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  await assert.rejects(renderDocumentPdf({ ...view, qrPayload: 'x'.repeat(3000) }), /too big/);
});
