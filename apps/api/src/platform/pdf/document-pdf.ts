/**
 * Bilingual (Arabic + English) PDF of a signed document — contracts now, certificates and permits later.
 *
 * Layout (A4 portrait, points): Arabic prevails, so Arabic is always the right-hand column and English the
 * left-hand one; every piece of text comes as a `BilingualText` pair. Page 1 carries the full header (issuer,
 * title, subtitle), an optional status band, and the verification panel: the QR code (qrcode, error correction
 * M) with the short verification code beneath it in large Latin letters, beside the instructions. Then the
 * sections (key-term rows: label + value per language; numbered clauses side by side), the prevailing-language
 * notice and the signatures. Rows and clauses that do not fit move to the next page (a clause taller than a
 * page is split line by line); pages 2+ repeat a compact header; every page has a footer
 * "صفحة ١ من ٣ / Page 1 of 3" with the verification code. A warning status (cancelled, superseded) also
 * prints a faint diagonal watermark on every page.
 *
 * Text goes through `bidi-text.ts` (UAX #9 reordering + whole-run shaping) with the vendored Amiri font
 * (`apps/api/assets/fonts/`, OFL 1.1), embedded as a subset by pdfkit. The output is reproducible: the same
 * view gives the same bytes (CreationDate / ModDate come from the view, and pdfkit derives the file ID and
 * the font subset tags from them, not from randomness).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { ASSETS_DIR } from '../paths.ts';
import { drawLayout, layoutParagraph, type ParagraphLayout, type TextDirection } from './bidi-text.ts';
import { dateTimeText } from './dates.ts';
import { toArabicDigits } from '@rabt/contracts';

/** A signature's time in Cairo time, in words (dates.ts `dateTimeText`); an unparseable value is printed as given. */
function signedAtText(signedAt: string): { ar: string; en: string } {
  try {
    return dateTimeText(signedAt);
  } catch {
    return { ar: signedAt, en: signedAt };
  }
}

export interface BilingualText {
  ar: string;
  en: string;
}

export interface DocumentPdfView {
  /** e.g. عقد عمل / Employment contract */
  title: BilingualText;
  /** e.g. وزارة العمل — جمهورية مصر العربية / Ministry of Labour — Arab Republic of Egypt */
  issuer: BilingualText;
  /** e.g. contract number, version */
  subtitle?: BilingualText;
  /** Short human code, e.g. EG-7K3M-9QXD-2HFA (printed under the QR and in every footer). */
  verificationCode: string;
  /** The URL encoded in the QR (600–900 characters when it carries an offline token). */
  qrPayload: string;
  /** How to check the document. */
  verifyInstructions: BilingualText;
  sections: Array<{
    heading: BilingualText;
    /** Key terms: Arabic label + value on the right half, English on the left half. */
    rows?: Array<{ label: BilingualText; value: BilingualText }>;
    /** Numbered paragraphs: Arabic on the right, its English version on the left. */
    clauses?: BilingualText[];
  }>;
  /** Who signed, JWK thumbprint (RFC 7638), RFC 3339 time. */
  signatures: Array<{ by: BilingualText; keyId: string; signedAt: string }>;
  /** e.g. "النص العربي هو المعتمد عند الاختلاف" / "The Arabic text prevails" */
  notice?: BilingualText;
  /** e.g. cancelled / superseded: a coloured band on page 1 (and a watermark when tone is 'warning'). */
  status?: { text: BilingualText; tone: 'ok' | 'warning' };
  /**
   * RFC 3339 time written as the PDF's CreationDate / ModDate. Default: the latest signature time, else the
   * Unix epoch — never the wall clock, so rendering the same view twice gives the same bytes.
   */
  issuedAt?: string;
}

/** The vendored font files (OFL 1.1; see apps/api/assets/fonts/SOURCE.md). */
export const PDF_FONT_FILES = {
  regular: join(ASSETS_DIR, 'fonts', 'Amiri-Regular.ttf'),
  bold: join(ASSETS_DIR, 'fonts', 'Amiri-Bold.ttf'),
} as const;

const REGULAR = 'rabt-regular';
const BOLD = 'rabt-bold';

/** The part of a fontkit GlyphRun that pdfkit reads. */
interface GlyphRunLike {
  glyphs: unknown[];
  positions: Array<Record<string, number>>;
  readonly advanceWidth: number;
}
interface FontkitFontLike {
  layout: (text: string, features?: unknown, ...rest: unknown[]) => GlyphRunLike;
}
const LAYOUT_CACHE_MAX = 20_000;

/**
 * Memoizes fontkit's `layout` (shaping) on a font object we own. Shaping Arabic with Amiri's large GSUB
 * tables costs about a millisecond a run and dominates a render; contracts repeat the same template text,
 * so shaped runs are kept (bounded: the cache is cleared when it reaches LAYOUT_CACHE_MAX entries). pdfkit
 * scales the positions of the run it receives in place, so each call hands out a fresh copy of them.
 */
function memoizeLayout(font: FontkitFontLike): void {
  const original = font.layout.bind(font);
  const cache = new Map<string, GlyphRunLike>();
  font.layout = (text, features, ...rest) => {
    if (rest.length > 0 || typeof text !== 'string') return original(text, features, ...rest);
    const key = `${JSON.stringify(features ?? null)}\u0000${text}`;
    let run = cache.get(key);
    if (!run) {
      if (cache.size >= LAYOUT_CACHE_MAX) cache.clear();
      run = original(text, features);
      cache.set(key, run);
    }
    const positions = run.positions.map((p) => ({ ...p }));
    return {
      ...(run as unknown as Record<string, unknown>),
      glyphs: run.glyphs,
      positions,
      get advanceWidth() {
        return positions.reduce((w, p) => w + (p.xAdvance ?? 0), 0);
      },
    };
  };
}

/** What `doc.registerFont` accepts: font bytes, or (pdfkit ≥ 0.18) an already parsed fontkit font. */
type FontSource = Buffer | object;
let fontCache: { regular: FontSource; bold: FontSource } | undefined;

/**
 * The vendored fonts, parsed once per process. pdfkit 0.20 accepts a parsed fontkit font in `registerFont`;
 * sharing it between documents keeps fontkit's parsed GSUB/GPOS tables and glyphs warm, and its memoized
 * shaping (`memoizeLayout`) serves every document. The parsed font is obtained through pdfkit itself (its
 * internal `_font.font`), as fontkit is not a direct dependency; if that ever changes, the bytes are used.
 */
function fonts(): { regular: FontSource; bold: FontSource } {
  if (!fontCache) {
    const probe = new PDFDocument({ autoFirstPage: false });
    const parsed = (file: string): FontSource => {
      const bytes = readFileSync(file);
      probe.font(bytes);
      const font = (probe as unknown as { _font?: { font?: { layout?: unknown } } })._font?.font;
      if (typeof font?.layout !== 'function') return bytes;
      memoizeLayout(font as FontkitFontLike);
      return font;
    };
    fontCache = { regular: parsed(PDF_FONT_FILES.regular), bold: parsed(PDF_FONT_FILES.bold) };
  }
  return fontCache;
}

// ---- Geometry (points; A4 = 595.28 × 841.89) -------------------------------------------------------------
const PAGE_W = 595.28;
const PAGE_H = 841.89;
const MARGIN_X = 42;
const MARGIN_TOP = 40;
const FOOTER_H = 34;
const CONTENT_W = PAGE_W - 2 * MARGIN_X;
const GUTTER = 22;
const COL_W = (CONTENT_W - GUTTER) / 2;
/** Left edge of the English (left) and Arabic (right) columns. */
const EN_X = MARGIN_X;
const AR_X = MARGIN_X + COL_W + GUTTER;
const BOTTOM = PAGE_H - MARGIN_TOP - FOOTER_H;
const QR_SIZE = 124;

// ---- Colours and type sizes ------------------------------------------------------------------------------
const INK = '#1b1f23';
const MUTED = '#5a6470';
const RULE = '#c9cfd6';
const ACCENT = '#0e4d5c';
const BAND = '#edf2f4';
const TONE = { ok: { ink: '#1d6b3a', band: '#e6f3ea' }, warning: { ink: '#a3161b', band: '#fbe9e9' } } as const;

/** Arabic (Amiri's Naskh) reads smaller than its Latin at the same size, so Arabic is set ~1.5 pt larger. */
const SIZE = {
  title: { ar: 21, en: 16 },
  subtitle: { ar: 11.5, en: 9.5 },
  issuer: { ar: 11.5, en: 9.5 },
  heading: { ar: 13, en: 11 },
  label: { ar: 10, en: 8.5 },
  body: { ar: 11, en: 9.5 },
  small: { ar: 9.5, en: 8 },
  code: 15,
} as const;

interface Block {
  layout: ParagraphLayout;
  color: string;
  align?: 'start' | 'end' | 'center';
  /** Space after the block, points. */
  gapAfter?: number;
}

/** A cell: blocks stacked top to bottom in one column box. */
interface Cell {
  x: number;
  width: number;
  blocks: Block[];
  /** Drop from the row's top, points: lines up the first baseline with a larger neighbouring cell. */
  dy?: number;
}

/** One line of a cell, in flow order, with the space it takes. */
interface CellLine {
  block: Block;
  index: number;
  height: number;
}

function cellLines(cell: Cell): CellLine[] {
  const out: CellLine[] = [];
  if (cell.dy) out.push({ block: { layout: EMPTY, color: INK }, index: 0, height: cell.dy });
  for (const block of cell.blocks) {
    const n = block.layout.lines.length;
    for (let i = 0; i < n; i++) {
      out.push({ block, index: i, height: block.layout.lineHeight + (i === n - 1 ? (block.gapAfter ?? 0) : 0) });
    }
  }
  return out;
}

function cellHeight(cell: Cell): number {
  return cellLines(cell).reduce((h, l) => h + l.height, 0);
}

/** A layout with no lines: used for the vertical offset of a cell. */
const EMPTY: ParagraphLayout = { lines: [], lineHeight: 0, ascent: 0, height: 0, fontSize: 10, font: REGULAR, dir: 'ltr' };

/** Baseline offset between two font sizes set with the same line-box rule (bidi-text: baseline at 1 em). */
function baselineDrop(larger: number, smaller: number): number {
  return larger - smaller;
}

/** Arabic-Indic digits (٠–٩) for numbers in Arabic running text: page numbers, clause numbers. */
const arabicDigits = (n: number): string => toArabicDigits(n);

function documentDate(view: DocumentPdfView): Date {
  const candidates = [view.issuedAt, ...view.signatures.map((s) => s.signedAt)]
    .filter((s): s is string => typeof s === 'string')
    .map((s) => new Date(s))
    .filter((d) => !Number.isNaN(d.getTime()));
  if (view.issuedAt && candidates[0]) return candidates[0];
  return candidates.reduce((max, d) => (d > max ? d : max), new Date(0));
}

/**
 * The QR code (PNG) of a verify URL, error correction M (ISO/IEC 18004). If the URL with its token does not
 * fit even version 40, the URL without the `#token` fragment (the online check of the code) is encoded.
 */
async function qrImage(payload: string): Promise<Buffer> {
  const options = { type: 'png', errorCorrectionLevel: 'M', margin: 1, scale: 4 } as const;
  try {
    return await QRCode.toBuffer(payload, options);
  } catch (e) {
    const online = payload.split('#')[0]!;
    if (online === payload) throw e;
    return QRCode.toBuffer(online, options);
  }
}

/**
 * Renders a signed document as a bilingual A4 PDF.
 *
 * @param view everything printed; text is used as given (no translation, no formatting of numbers or dates).
 * @returns the PDF bytes. Deterministic for a given view (see `issuedAt`).
 * A QR payload too long for a QR code (documents issued before their tokens were size-bounded) is
 * printed without its `#token` fragment: the code then opens the online check only. Never throws for it.
 */
export async function renderDocumentPdf(view: DocumentPdfView): Promise<Buffer> {
  const qrPng = await qrImage(view.qrPayload);
  const date = documentDate(view);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN_TOP, bottom: MARGIN_TOP, left: MARGIN_X, right: MARGIN_X },
    bufferPages: true,
    autoFirstPage: false,
    lang: 'ar',
    displayTitle: true,
    pdfVersion: '1.7',
    compress: true,
    info: {
      Title: `${view.title.ar} — ${view.title.en}`,
      Author: `${view.issuer.ar} — ${view.issuer.en}`,
      Subject: [view.subtitle ? `${view.subtitle.ar} — ${view.subtitle.en}` : null, view.verificationCode]
        .filter(Boolean)
        .join(' · '),
      Keywords: view.verificationCode,
      Creator: 'Rabt',
      Producer: 'Rabt (pdfkit)',
      CreationDate: date,
      ModDate: date,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const f = fonts();
  doc.registerFont(REGULAR, f.regular as Buffer);
  doc.registerFont(BOLD, f.bold as Buffer);

  const para = (
    text: string,
    dir: TextDirection,
    width: number,
    fontSize: number,
    bold = false,
    lineHeight?: number,
  ): ParagraphLayout => layoutParagraph(doc, text, { width, dir, fontSize, font: bold ? BOLD : REGULAR, lineHeight });

  let y = MARGIN_TOP;

  const drawCell = (cell: Cell, lines: CellLine[], top: number): number => {
    let cy = top;
    for (const line of lines) {
      drawLayout(doc, line.block.layout, { x: cell.x, y: cy, width: cell.width, color: line.block.color, align: line.block.align }, line.index, line.index + 1);
      cy += line.height;
    }
    return cy;
  };

  const runningHeader = (): void => {
    const ar = para(view.title.ar, 'rtl', COL_W, SIZE.heading.ar, true, 1.4);
    const en = para(view.title.en, 'ltr', COL_W, SIZE.heading.en, true, 1.4);
    const arSub = view.subtitle ? para(view.subtitle.ar, 'rtl', COL_W, SIZE.small.ar) : null;
    const enSub = view.subtitle ? para(view.subtitle.en, 'ltr', COL_W, SIZE.small.en) : null;
    const yAr = drawLayout(doc, ar, { x: AR_X, y, width: COL_W, color: ACCENT });
    const yEn = drawLayout(doc, en, { x: EN_X, y, width: COL_W, color: ACCENT });
    const yAr2 = arSub ? drawLayout(doc, arSub, { x: AR_X, y: yAr, width: COL_W, color: MUTED }) : yAr;
    const yEn2 = enSub ? drawLayout(doc, enSub, { x: EN_X, y: yEn, width: COL_W, color: MUTED }) : yEn;
    y = Math.max(yAr2, yEn2) + 4;
    doc.save().moveTo(MARGIN_X, y).lineTo(PAGE_W - MARGIN_X, y).lineWidth(0.8).strokeColor(ACCENT).stroke().restore();
    y += 12;
  };

  /** True until something is drawn below the (running) header of the current page. */
  let atPageTop = true;
  /** Where content starts on pages 2+ (below the running header); estimated until the first is drawn. */
  let laterPageTop = MARGIN_TOP + 60;
  const newPage = (): void => {
    doc.addPage();
    y = MARGIN_TOP;
    if (doc.bufferedPageRange().count > 1) {
      runningHeader();
      laterPageTop = y;
    }
    atPageTop = true;
  };

  /** Space left on the current page below y. */
  const room = (): number => BOTTOM - y;

  /**
   * Draws cells side by side starting at y (each cell's own box), breaking pages: a row that does not fit
   * moves to the next page whole; a row taller than a whole page is split line by line.
   */
  const flowRow = (cells: Cell[], opts: { padTop?: number; padBottom?: number; separator?: boolean } = {}): void => {
    const padTop = opts.padTop ?? 0;
    const padBottom = opts.padBottom ?? 0;
    const height = Math.max(...cells.map(cellHeight)) + padTop + padBottom;
    const fullPage = BOTTOM - laterPageTop;
    if (height > room() && (height <= fullPage || room() < 3 * SIZE.body.ar * 1.6) && !atPageTop) newPage();
    atPageTop = false;
    let pending = cells.map(cellLines);
    let top = y + padTop;
    for (;;) {
      let bottom = top;
      const next: CellLine[][] = [];
      cells.forEach((cell, i) => {
        const lines = pending[i] ?? [];
        let used = 0;
        let k = 0;
        while (k < lines.length && top + used + (lines[k]?.height ?? 0) <= BOTTOM) used += lines[k++]?.height ?? 0;
        bottom = Math.max(bottom, drawCell(cell, lines.slice(0, k), top));
        next.push(lines.slice(k));
      });
      pending = next;
      if (pending.every((l) => l.length === 0)) {
        y = bottom + padBottom;
        break;
      }
      newPage();
      top = y;
    }
    if (opts.separator) {
      doc.save().moveTo(MARGIN_X, y).lineTo(PAGE_W - MARGIN_X, y).lineWidth(0.4).strokeColor(RULE).stroke().restore();
    }
  };

  // ---- Page 1: header -----------------------------------------------------------------------------------
  newPage();
  {
    const arBlocks: Block[] = [
      { layout: para(view.issuer.ar, 'rtl', COL_W, SIZE.issuer.ar), color: MUTED, gapAfter: 2 },
      { layout: para(view.title.ar, 'rtl', COL_W, SIZE.title.ar, true, 1.45), color: ACCENT },
    ];
    const enBlocks: Block[] = [
      { layout: para(view.issuer.en, 'ltr', COL_W, SIZE.issuer.en), color: MUTED, gapAfter: 2 + (SIZE.issuer.ar - SIZE.issuer.en) * 1.5 },
      { layout: para(view.title.en, 'ltr', COL_W, SIZE.title.en, true, 1.45), color: ACCENT, gapAfter: (SIZE.title.ar - SIZE.title.en) * 1.45 },
    ];
    if (view.subtitle) {
      arBlocks.push({ layout: para(view.subtitle.ar, 'rtl', COL_W, SIZE.subtitle.ar), color: INK });
      enBlocks.push({ layout: para(view.subtitle.en, 'ltr', COL_W, SIZE.subtitle.en), color: INK });
    }
    flowRow([
      { x: AR_X, width: COL_W, blocks: arBlocks },
      { x: EN_X, width: COL_W, blocks: enBlocks },
    ]);
    y += 4;
    doc.save().moveTo(MARGIN_X, y).lineTo(PAGE_W - MARGIN_X, y).lineWidth(1.6).strokeColor(ACCENT).stroke().restore();
    y += 12;
  }

  // ---- Status band --------------------------------------------------------------------------------------
  if (view.status) {
    const tone = TONE[view.status.tone];
    const ar = para(view.status.text.ar, 'rtl', COL_W - 12, SIZE.heading.ar, true, 1.4);
    const en = para(view.status.text.en, 'ltr', COL_W - 12, SIZE.heading.en, true, 1.4);
    const h = Math.max(ar.height, en.height) + 10;
    doc.save().rect(MARGIN_X, y, CONTENT_W, h).fill(tone.band).restore();
    doc.save().rect(MARGIN_X, y, 4, h).fill(tone.ink).rect(PAGE_W - MARGIN_X - 4, y, 4, h).fill(tone.ink).restore();
    drawLayout(doc, ar, { x: AR_X, y: y + 5, width: COL_W - 12, color: tone.ink });
    drawLayout(doc, en, { x: EN_X + 12, y: y + 5, width: COL_W - 12, color: tone.ink });
    y += h + 12;
  }

  // ---- Verification panel: QR + code (left), instructions (right) ---------------------------------------
  {
    const pad = 10;
    const qrBlockW = 168;
    const textX = MARGIN_X + pad + qrBlockW + 14;
    const textW = PAGE_W - MARGIN_X - pad - textX;
    const arHead = para('التحقق من صحة الوثيقة', 'rtl', textW, SIZE.heading.ar, true, 1.4);
    const enHead = para('Check that this document is genuine', 'ltr', textW, SIZE.heading.en, true, 1.4);
    const ar = para(view.verifyInstructions.ar, 'rtl', textW, SIZE.body.ar);
    const en = para(view.verifyInstructions.en, 'ltr', textW, SIZE.body.en);
    const codeSize = SIZE.code;
    doc.font(BOLD).fontSize(codeSize);
    const codeW = doc.widthOfString(view.verificationCode, { features: [] });
    const codeLabel = para('رمز التحقق · Verification code', 'rtl', qrBlockW, SIZE.small.en);
    const qrH = QR_SIZE + 4 + codeSize * 1.4 + codeLabel.height;
    const textH = arHead.height + ar.height + 6 + enHead.height + en.height;
    const h = Math.max(qrH, textH) + 2 * pad;
    if (h > room()) newPage();
    atPageTop = false;
    doc.save().roundedRect(MARGIN_X, y, CONTENT_W, h, 4).lineWidth(0.8).strokeColor(RULE).stroke().restore();
    const qrX = MARGIN_X + pad + (qrBlockW - QR_SIZE) / 2;
    doc.image(qrPng, qrX, y + pad, { width: QR_SIZE, height: QR_SIZE });
    const codeTop = y + pad + QR_SIZE + 4;
    doc.font(BOLD).fontSize(codeSize).fillColor(INK);
    // The code is plain ASCII (Latin letters, digits, hyphens): one left-to-right run.
    doc.text(view.verificationCode, MARGIN_X + pad + Math.max(0, (qrBlockW - codeW) / 2), codeTop + codeSize, {
      lineBreak: false,
      features: [],
      baseline: 'alphabetic',
      characterSpacing: codeW > qrBlockW ? 0 : 0.6,
    });
    drawLayout(doc, codeLabel, { x: MARGIN_X + pad, y: codeTop + codeSize * 1.4, width: qrBlockW, color: MUTED, align: 'center' });
    let ty = y + pad;
    ty = drawLayout(doc, arHead, { x: textX, y: ty, width: textW, color: ACCENT });
    ty = drawLayout(doc, ar, { x: textX, y: ty, width: textW, color: INK });
    ty += 6;
    ty = drawLayout(doc, enHead, { x: textX, y: ty, width: textW, color: ACCENT });
    drawLayout(doc, en, { x: textX, y: ty, width: textW, color: INK });
    y += h + 10;
  }

  // ---- Prevailing-language notice ------------------------------------------------------------------------
  const drawNotice = (notice: BilingualText): void => {
    flowRow(
      [
        { x: AR_X, width: COL_W, blocks: [{ layout: para(notice.ar, 'rtl', COL_W, SIZE.small.ar, true), color: MUTED }] },
        { x: EN_X, width: COL_W, blocks: [{ layout: para(notice.en, 'ltr', COL_W, SIZE.small.en, true), color: MUTED }] },
      ],
      { padBottom: 6 },
    );
  };
  if (view.notice) drawNotice(view.notice);

  // ---- Sections -----------------------------------------------------------------------------------------
  const heading = (text: BilingualText, firstRowHeight: number): void => {
    const ar = para(text.ar, 'rtl', COL_W - 8, SIZE.heading.ar, true, 1.4);
    const en = para(text.en, 'ltr', COL_W - 8, SIZE.heading.en, true, 1.4);
    const h = Math.max(ar.height, en.height) + 6;
    // Keep the heading with the first row that follows it.
    if (h + 6 + Math.min(firstRowHeight, 60) > room() && !atPageTop) newPage();
    atPageTop = false;
    y += 6;
    doc.save().rect(MARGIN_X, y, CONTENT_W, h).fill(BAND).restore();
    doc.save().rect(PAGE_W - MARGIN_X - 3, y, 3, h).fill(ACCENT).restore();
    drawLayout(doc, ar, { x: AR_X, y: y + 3, width: COL_W - 8, color: ACCENT });
    drawLayout(doc, en, { x: EN_X + 8, y: y + 3, width: COL_W - 8, color: ACCENT });
    y += h + 4;
  };

  const LABEL_W = COL_W * 0.33;
  const VALUE_W = COL_W - LABEL_W - 8;
  const rowCells = (row: { label: BilingualText; value: BilingualText }): Cell[] => [
    { x: AR_X + VALUE_W + 8, width: LABEL_W, dy: baselineDrop(SIZE.body.ar, SIZE.label.ar), blocks: [{ layout: para(row.label.ar, 'rtl', LABEL_W, SIZE.label.ar), color: MUTED }] },
    { x: AR_X, width: VALUE_W, blocks: [{ layout: para(row.value.ar, 'rtl', VALUE_W, SIZE.body.ar), color: INK }] },
    { x: EN_X, width: LABEL_W, dy: baselineDrop(SIZE.body.ar, SIZE.label.en), blocks: [{ layout: para(row.label.en, 'ltr', LABEL_W, SIZE.label.en), color: MUTED }] },
    { x: EN_X + LABEL_W + 8, width: VALUE_W, dy: baselineDrop(SIZE.body.ar, SIZE.body.en), blocks: [{ layout: para(row.value.en, 'ltr', VALUE_W, SIZE.body.en), color: INK }] },
  ];

  const NUM_W = 20;
  const clauseCells = (clause: BilingualText, n: number): Cell[] => [
    { x: AR_X + COL_W - NUM_W, width: NUM_W, blocks: [{ layout: para(`${arabicDigits(n)}.`, 'rtl', NUM_W, SIZE.body.ar, true), color: ACCENT }] },
    { x: AR_X, width: COL_W - NUM_W, blocks: [{ layout: para(clause.ar, 'rtl', COL_W - NUM_W, SIZE.body.ar), color: INK }] },
    { x: EN_X, width: NUM_W, dy: baselineDrop(SIZE.body.ar, SIZE.body.en), blocks: [{ layout: para(`${n}.`, 'ltr', NUM_W, SIZE.body.en, true), color: ACCENT }] },
    { x: EN_X + NUM_W, width: COL_W - NUM_W, dy: baselineDrop(SIZE.body.ar, SIZE.body.en), blocks: [{ layout: para(clause.en, 'ltr', COL_W - NUM_W, SIZE.body.en), color: INK }] },
  ];

  let clauseNo = 0;
  for (const section of view.sections) {
    const rows = (section.rows ?? []).map(rowCells);
    const clauses = (section.clauses ?? []).map((c) => clauseCells(c, ++clauseNo));
    const first = rows[0] ?? clauses[0];
    heading(section.heading, first ? Math.max(...first.map(cellHeight)) : 0);
    for (const cells of rows) flowRow(cells, { padTop: 3, padBottom: 3, separator: true });
    if (rows.length > 0 && clauses.length > 0) y += 6;
    for (const cells of clauses) flowRow(cells, { padBottom: 5 });
  }

  // ---- Signatures ---------------------------------------------------------------------------------------
  if (view.signatures.length > 0) {
    const sigCells = (s: DocumentPdfView['signatures'][number]): Cell[] => [
      {
        x: AR_X,
        width: COL_W,
        blocks: [
          { layout: para(s.by.ar, 'rtl', COL_W, SIZE.body.ar, true), color: INK },
          { layout: para(`بصمة مفتاح التوقيع (JWK): ${s.keyId}`, 'rtl', COL_W, SIZE.small.ar), color: MUTED },
          { layout: para(`وقت التوقيع: ${signedAtText(s.signedAt).ar}`, 'rtl', COL_W, SIZE.small.ar), color: MUTED },
        ],
      },
      {
        x: EN_X,
        width: COL_W,
        blocks: [
          { layout: para(s.by.en, 'ltr', COL_W, SIZE.body.en, true), color: INK, gapAfter: (SIZE.body.ar - SIZE.body.en) * 1.5 },
          { layout: para(`Signing key thumbprint (JWK): ${s.keyId}`, 'ltr', COL_W, SIZE.small.en), color: MUTED, gapAfter: (SIZE.small.ar - SIZE.small.en) * 1.5 },
          { layout: para(`Signed at: ${signedAtText(s.signedAt).en}`, 'ltr', COL_W, SIZE.small.en), color: MUTED },
        ],
      },
    ];
    const all = view.signatures.map(sigCells);
    heading({ ar: 'التوقيعات الرقمية', en: 'Digital signatures' }, all[0] ? Math.max(...all[0].map(cellHeight)) : 0);
    for (const cells of all) flowRow(cells, { padTop: 3, padBottom: 5, separator: true });
  }

  /** Faint diagonal status (Arabic line above English), each line scaled to fit the page's diagonal. */
  const watermark = (text: BilingualText): void => {
    const maxW = Math.hypot(PAGE_W, PAGE_H) * 0.5;
    const fit = (t: string, dir: TextDirection): ParagraphLayout => {
      const probe = para(t, dir, 10_000, 40, true, 1.2);
      const size = Math.min(56, (40 * maxW) / Math.max(1, probe.lines[0]?.width ?? 1));
      return para(t, dir, 10_000, size, true, 1.2);
    };
    const lines = [fit(text.ar, 'rtl'), fit(text.en, 'ltr')];
    const total = lines.reduce((h, l) => h + l.height, 0);
    doc.save();
    doc.rotate(-38, { origin: [PAGE_W / 2, PAGE_H / 2] });
    doc.fillOpacity(0.08);
    let wy = PAGE_H / 2 - total / 2;
    for (const l of lines) {
      const w = l.lines[0]?.width ?? 0;
      wy = drawLayout(doc, l, { x: PAGE_W / 2 - w / 2, y: wy, width: w, color: TONE.warning.ink });
    }
    doc.restore();
  };

  // ---- Footers (and watermark) on every page ------------------------------------------------------------
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const n = i - start + 1;
    const fy = PAGE_H - MARGIN_TOP - FOOTER_H + 10;
    doc.save().moveTo(MARGIN_X, fy).lineTo(PAGE_W - MARGIN_X, fy).lineWidth(0.5).strokeColor(RULE).stroke().restore();
    const third = CONTENT_W / 3;
    drawLayout(doc, para(`صفحة ${arabicDigits(n)} من ${arabicDigits(count)}`, 'rtl', third, SIZE.small.ar), { x: PAGE_W - MARGIN_X - third, y: fy + 4, width: third, color: MUTED });
    drawLayout(doc, para(`Page ${n} of ${count}`, 'ltr', third, SIZE.small.en), { x: MARGIN_X, y: fy + 6, width: third, color: MUTED });
    drawLayout(doc, para(view.verificationCode, 'ltr', third, SIZE.small.en, true), { x: MARGIN_X + third, y: fy + 6, width: third, color: MUTED, align: 'center' });
    if (view.status?.tone === 'warning') watermark(view.status.text);
  }
  doc.end();
  return done;
}
