/**
 * Bidirectional paragraphs for pdfkit: Arabic (right-to-left, shaped) mixed with Latin names, digits, dates,
 * amounts and codes, drawn in the right visual order.
 *
 * Why this exists: pdfkit's own `text()` wraps at spaces and shapes word by word, so every word is joined
 * correctly but an Arabic line comes out in logical (wrong, left-to-right) word order, and it has no bidi
 * algorithm at all (`shared/reference/stack-probe.md` §6). Here, per paragraph:
 *
 * 1. Embedding levels for the whole paragraph with the Unicode Bidirectional Algorithm (UAX #9) from bidi-js,
 *    with the base direction forced (`'rtl'` for Arabic text, `'ltr'` for English).
 * 2. Lines are broken by width FIRST, at spaces, in logical order (UAX #9 §3.4: reordering happens per line,
 *    after line breaking); a single word wider than the box is cut between characters.
 * 3. Each line is split into level runs and reordered with rule L2 (from the highest level down to the lowest
 *    odd level, reverse every contiguous sequence of runs at that level or higher), giving runs in visual
 *    left-to-right order.
 * 4. Each run is drawn with `doc.text(run, x, y, { lineBreak: false, features: [] })` and the pen advances by
 *    `widthOfString(run, { features: [] })`. `features: []` makes pdfkit shape the run in ONE fontkit call
 *    (so Arabic letters join across the whole run). fontkit reverses the glyphs of any run whose first
 *    non-common character is in a right-to-left script, so a run is handed over in logical order when that
 *    matches what we want (Arabic words at an odd level) and pre-reversed when it does not (e.g. an odd-level
 *    run of brackets only, or an even-level run of Arabic-Indic digits, which Unicode puts in the Arabic
 *    script). Brackets in right-to-left runs are mirrored first (UAX #9 rule L4, Bidi_Mirroring_Glyph).
 *
 * Tokens such as 2026-12-01 or 09:30 are isolated as left-to-right first (see `LTR_TOKEN`).
 *
 * Lines are right-aligned for `dir: 'rtl'` and left-aligned for `dir: 'ltr'` within the box (x, width).
 * Explicit line feeds start new paragraphs (same base direction).
 */
import bidiModule from 'bidi-js';

// bidi-js is a UMD/CommonJS package whose typings declare an ES default export: Node's ESM loader hands
// over `module.exports` (the factory itself) while TypeScript (NodeNext) types the import as `{ default }`.
const bidiFactory: typeof bidiModule.default = typeof bidiModule === 'function' ? bidiModule : bidiModule.default;
const bidi = bidiFactory();

export type TextDirection = 'rtl' | 'ltr';

/** The subset of pdfkit's document this helper needs (so tests can pass a fake measurer). */
type Doc = PDFKit.PDFDocument;

/** A run ready for pdfkit: `text` is what to hand to `doc.text` (mirrored / pre-reversed as needed). */
export interface VisualRun {
  /** The characters in the order pdfkit must receive them. */
  text: string;
  /** The run's characters in logical (memory) order, as in the source string. */
  logical: string;
  /** True when the run is at an odd (right-to-left) embedding level. */
  rtl: boolean;
}

export interface LaidOutRun extends VisualRun {
  /** Advance width in points at the paragraph's font size. */
  width: number;
}

export interface LaidOutLine {
  /** Runs in visual order, left to right. */
  runs: LaidOutRun[];
  /** Sum of the runs' widths, points. */
  width: number;
  /** The line's text in logical order. */
  logical: string;
}

export interface ParagraphLayout {
  lines: LaidOutLine[];
  /** Distance between consecutive baselines, points (fontSize × lineHeight + lineGap). */
  lineHeight: number;
  /** Baseline offset from the top of a line box, points. */
  ascent: number;
  /** lines.length × lineHeight. */
  height: number;
  fontSize: number;
  font: string;
  dir: TextDirection;
}

export interface ParagraphStyle {
  /** Box width in points: lines never exceed it (except a single unbreakable glyph). */
  width: number;
  dir: TextDirection;
  /** Points. */
  fontSize: number;
  /** A font name registered with `doc.registerFont` (or a font path). */
  font: string;
  /** Extra points between lines (added to fontSize × lineHeight). Default 0. */
  lineGap?: number;
  /** Line box height as a multiple of the font size. Default 1.5 (room for Arabic marks and descenders). */
  lineHeight?: number;
  /** Fill colour for the text. Default: the document's current fill colour. */
  color?: string;
  /** 'start' (default: right for rtl, left for ltr), 'end' or 'center'. */
  align?: 'start' | 'end' | 'center';
}

export interface ParagraphOptions extends ParagraphStyle {
  /** Left edge of the box, points. */
  x: number;
  /** Top of the first line box, points. */
  y: number;
}

/** Baseline position inside a line box, as a multiple of the font size (Amiri: marks reach ~0.95 em). */
const ASCENT_EM = 1.0;
const DEFAULT_LINE_HEIGHT = 1.5;

const RTL_SCRIPT = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Adlam}]/u;
const NO_SCRIPT = /[\p{Script=Common}\p{Script=Inherited}\p{Script=Unknown}]/u;

/**
 * Whether fontkit will lay the string out right to left (and so reverse its glyphs): fontkit takes the
 * script of the first character that is not Common / Inherited / Unknown (fontkit `Script.forString`).
 */
export function shaperIsRtl(text: string): boolean {
  for (const ch of text) {
    if (NO_SCRIPT.test(ch)) continue;
    return RTL_SCRIPT.test(ch);
  }
  return false;
}

function reverseCodePoints(text: string): string {
  return Array.from(text).reverse().join('');
}

function mirror(text: string): string {
  let out = '';
  for (const ch of text) out += bidi.getMirroredCharacter(ch) ?? ch;
  return out;
}

const ISOLATES = /[\u2066-\u2069]/g;
/**
 * Words that begin with an ASCII digit and contain '-', '/' or ':' (ISO dates 2026-12-01, times 09:30,
 * RFC 3339 stamps, 1/2026 numbers). Next to Arabic letters UAX #9 turns their digits into Arabic numbers
 * (rule W2) and the separators into right-to-left neutrals (N1), so 2026-12-01 would read 01-12-2026. They
 * are wrapped in LEFT-TO-RIGHT ISOLATE … POP DIRECTIONAL ISOLATE (UAX #9 X5a, X6a) so they stay as written.
 */
const LTR_TOKEN = /(?<![^\s([{«"'])[0-9][0-9A-Za-z]*(?:[.,][0-9A-Za-z]+)*(?:[-/:][0-9A-Za-z]+(?:[.,][0-9A-Za-z]+)*)+/gu;

function isolateLtrTokens(text: string): string {
  return text.replace(LTR_TOKEN, (t) => `\u2066${t}\u2069`);
}

function stripIsolates(text: string): string {
  return text.replace(ISOLATES, '');
}

/** Prepares one level run for pdfkit (see the module comment, step 4). */
function toVisualRun(source: string, level: number): VisualRun {
  const logical = stripIsolates(source);
  const rtl = level % 2 === 1;
  let text = rtl ? mirror(logical) : logical;
  if (shaperIsRtl(text) !== rtl) text = reverseCodePoints(text);
  return { text, logical, rtl };
}

/**
 * Splits `levels[start, end)` of `text` into level runs and reorders them with UAX #9 rule L2.
 * @returns runs in visual order (left to right).
 */
function reorderLine(text: string, levels: Uint8Array, start: number, end: number): VisualRun[] {
  const runs: Array<{ start: number; end: number; level: number }> = [];
  for (let i = start; i < end; i++) {
    const level = levels[i] ?? 0;
    const last = runs.at(-1);
    if (last && last.level === level) last.end = i + 1;
    else runs.push({ start: i, end: i + 1, level });
  }
  if (runs.length === 0) return [];
  let highest = 0;
  let lowestOdd = Number.POSITIVE_INFINITY;
  for (const r of runs) {
    highest = Math.max(highest, r.level);
    if (r.level % 2 === 1) lowestOdd = Math.min(lowestOdd, r.level);
  }
  for (let level = highest; level >= lowestOdd; level--) {
    for (let i = 0; i < runs.length; ) {
      if ((runs[i]?.level ?? 0) < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < runs.length && (runs[j]?.level ?? 0) >= level) j++;
      const reversed = runs.slice(i, j).reverse();
      runs.splice(i, j - i, ...reversed);
      i = j;
    }
  }
  return runs.map((r) => toVisualRun(text.slice(r.start, r.end), r.level)).filter((r) => r.text.length > 0);
}

/**
 * Visual-order runs of a single line (no wrapping), for a base direction.
 * Example: `visualRuns('عقد رقم 2026-17', 'rtl')` → the date run first (leftmost), then the Arabic run.
 */
export function visualRuns(text: string, dir: TextDirection): VisualRun[] {
  const isolated = isolateLtrTokens(text);
  if (isolated.length === 0) return [];
  const { levels } = bidi.getEmbeddingLevels(isolated, dir);
  return reorderLine(isolated, levels, 0, isolated.length);
}

/** A line as logical character offsets into its paragraph: [start, end). */
export interface LineBreak {
  start: number;
  end: number;
}

/**
 * Greedy line breaking in logical order at spaces (U+0020; runs of spaces collapse at breaks).
 * A word wider than `width` is cut between code points. `measure` gives the advance width of a string.
 */
export function breakLines(text: string, width: number, measure: (s: string) => number): LineBreak[] {
  const words: LineBreak[] = [];
  for (const m of text.matchAll(/[^ ]+/g)) words.push({ start: m.index, end: m.index + m[0].length });
  if (words.length === 0) return [];
  const spaceWidth = measure(' ');
  const lines: LineBreak[] = [];
  let current: LineBreak | null = null;
  let currentWidth = 0;
  for (const word of words) {
    const wordWidth = measure(text.slice(word.start, word.end));
    if (current && currentWidth + spaceWidth * (word.start - current.end) + wordWidth <= width) {
      currentWidth += spaceWidth * (word.start - current.end) + wordWidth;
      current.end = word.end;
      continue;
    }
    if (current) lines.push(current);
    if (wordWidth <= width) {
      current = { ...word };
      currentWidth = wordWidth;
      continue;
    }
    // Cut an over-long word (a key thumbprint, a URL) between code points.
    let pieceStart = word.start;
    let pieceWidth = 0;
    let i = word.start;
    while (i < word.end) {
      const cp = text.codePointAt(i) ?? 0;
      const len = cp > 0xffff ? 2 : 1;
      const w = measure(text.slice(i, i + len));
      if (pieceWidth + w > width && i > pieceStart) {
        lines.push({ start: pieceStart, end: i });
        pieceStart = i;
        pieceWidth = 0;
      }
      pieceWidth += w;
      i += len;
    }
    current = { start: pieceStart, end: word.end };
    currentWidth = pieceWidth;
  }
  if (current) lines.push(current);
  return lines;
}

function useFont(doc: Doc, style: ParagraphStyle): void {
  doc.font(style.font).fontSize(style.fontSize);
}

function runWidth(doc: Doc, text: string): number {
  return doc.widthOfString(text, { features: [] });
}

/**
 * Lays a paragraph out into lines of visual-order runs, without drawing. Sets the document's font and size.
 * Paragraphs separated by '\n' keep the same base direction; an empty paragraph is one empty line.
 */
export function layoutParagraph(doc: Doc, text: string, style: ParagraphStyle): ParagraphLayout {
  useFont(doc, style);
  const lineHeight = style.fontSize * (style.lineHeight ?? DEFAULT_LINE_HEIGHT) + (style.lineGap ?? 0);
  const lines: LaidOutLine[] = [];
  const measure = (s: string): number => runWidth(doc, stripIsolates(s));
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    const para = isolateLtrTokens(stripIsolates(paragraph).replace(/[\t\u00a0]/g, ' '));
    const breaks = breakLines(para, style.width, measure);
    if (breaks.length === 0) {
      lines.push({ runs: [], width: 0, logical: '' });
      continue;
    }
    const { levels } = bidi.getEmbeddingLevels(para, style.dir);
    for (const br of breaks) {
      const runs = reorderLine(para, levels, br.start, br.end).map((r) => ({ ...r, width: runWidth(doc, r.text) }));
      lines.push({ runs, width: runs.reduce((sum, r) => sum + r.width, 0), logical: stripIsolates(para.slice(br.start, br.end)) });
    }
  }
  return {
    lines,
    lineHeight,
    ascent: style.fontSize * ASCENT_EM,
    height: lines.length * lineHeight,
    fontSize: style.fontSize,
    font: style.font,
    dir: style.dir,
  };
}

/**
 * Draws lines `from`..`to` (exclusive) of a layout with the top of the first at y.
 * @returns the y below the last line drawn.
 */
export function drawLayout(
  doc: Doc,
  layout: ParagraphLayout,
  box: { x: number; y: number; width: number; color?: string; align?: 'start' | 'end' | 'center' },
  from = 0,
  to = layout.lines.length,
): number {
  doc.font(layout.font).fontSize(layout.fontSize);
  if (box.color) doc.fillColor(box.color);
  const align = box.align ?? 'start';
  let y = box.y;
  for (const line of layout.lines.slice(from, to)) {
    const flushRight = (layout.dir === 'rtl') === (align === 'start');
    let x =
      align === 'center' ? box.x + (box.width - line.width) / 2 : flushRight ? box.x + box.width - line.width : box.x;
    for (const run of line.runs) {
      doc.text(run.text, x, y + layout.ascent, { lineBreak: false, features: [], baseline: 'alphabetic' });
      x += run.width;
    }
    y += layout.lineHeight;
  }
  return y;
}

/**
 * Draws a bidirectional paragraph in the box (x, width) starting at y (top of the first line box).
 * Does not add pages: measure first with `measureParagraph` and break pages in the caller.
 * @returns the new y (below the last line), points.
 */
export function drawParagraph(doc: Doc, text: string, options: ParagraphOptions): number {
  const layout = layoutParagraph(doc, text, options);
  return drawLayout(doc, layout, options);
}

/** Height in points that `drawParagraph` would take for this text and style. */
export function measureParagraph(doc: Doc, text: string, style: ParagraphStyle): number {
  return layoutParagraph(doc, text, style).height;
}
