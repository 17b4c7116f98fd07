/**
 * The demo course's PDF lesson file (demo data only: demo-course.seed.ts), built at seed time: a one-page A4
 * «قائمة فحص السلامة قبل التشغيل» / "Pre-switch-on safety checklist", Arabic in the right-hand column and
 * English in the left-hand one (Arabic first, as in platform/pdf/document-pdf.ts), one tick box per item.
 *
 * Drawn with pdfkit and the platform's bidirectional paragraph code (platform/pdf/bidi-text.ts: UAX #9
 * reordering and whole-run shaping) in the vendored Amiri font (PDF_FONT_FILES, OFL 1.1), so Arabic letters
 * join and Arabic lines read right to left with their Latin units and standard numbers in place.
 * The items follow the lesson «الفحص قبل التشغيل والتسليم» (IEC 60364-6 initial verification; IEC 60445
 * colours; IEC 61008-1 / 60364-4-41 for the 30 mA RCD). Deterministic: CreationDate / ModDate are fixed,
 * so the same code gives the same bytes.
 */
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { drawLayout, layoutParagraph, type ParagraphLayout, type TextDirection } from '../../platform/pdf/bidi-text.ts';
import { PDF_FONT_FILES } from '../../platform/pdf/document-pdf.ts';

type Text = { ar: string; en: string };

const TITLE: Text = { ar: 'قائمة فحص السلامة قبل التشغيل', en: 'Pre-switch-on safety checklist' };
const SUBTITLE: Text = {
  ar: 'أساسيات التمديدات الكهربائية المنزلية\nISCO-08 7411 — بيانات العرض التجريبي',
  en: 'Basics of domestic electrical wiring\nISCO-08 7411 — demo data',
};
const INTRO: Text = {
  ar: 'اطبع هذه الصفحة وضع علامة أمام كل بند قبل أن تعيد التيار إلى دائرة جديدة أو معدّلة. البنود 1 إلى 6 والدائرة مفصولة ومقفلة.',
  en: 'Print this page and tick every item before you put a new or altered circuit back on. Items 1 to 6 are done with the circuit isolated and locked off.',
};
/** The checklist items, in the order they are done. */
export const DEMO_CHECKLIST: Text[] = [
  { ar: 'انتهى العمل: الأغطية ووجوه المفاتيح والبرايز وغطاء اللوحة في أماكنها، ولا عدة ولا بقايا كابلات داخل اللوحة.', en: 'Work finished: covers, switch and socket plates and the board cover are back on; no tools or cable offcuts left in the board.' },
  { ar: 'الفحص بالنظر: العزل سليم، الأطراف مربوطة، لا موصل مكشوف، والألوان صحيحة (بني طور، أزرق محايد، أخضر/أصفر أرضي).', en: 'Inspection by eye: sound insulation, tight terminals, no bare conductor, correct colours (brown phase, blue neutral, green/yellow earth).' },
  { ar: 'استمرارية موصل الحماية مقيسة من طرف التأريض في اللوحة إلى كل مخرج وكل جسم معدني.', en: 'Protective-conductor continuity measured from the board\u2019s earthing terminal to every socket and metal part.' },
  { ar: 'مقاومة العزل 1 ميجا أوم على الأقل بجهد 500 فولت مستمر، بعد فصل الأجهزة الحساسة.', en: 'Insulation resistance at least 1 megohm at 500 V DC, sensitive equipment disconnected first.' },
  { ar: 'القطبية: المفاتيح والقواطع على الطور، والطرف الأوسط لدواية المصباح على الطور.', en: 'Polarity: switches and breakers in the phase; the centre contact of each lamp holder on the phase.' },
  { ar: 'كل قاطع يناسب كابله (مثلًا 1.5 مم² مع 10 أمبير، 2.5 مم² مع 16 أمبير)، واسم كل دائرة مكتوب على اللوحة.', en: 'Every breaker suits its cable (e.g. 1.5 mm² with 10 A, 2.5 mm² with 16 A), and every circuit is labelled on the board.' },
  { ar: 'أُبلغ كل من في الموقع، ورفع كل فني قفله وبطاقته بنفسه.', en: 'Everyone on site has been told, and each electrician has removed their own lock and tag.' },
  { ar: 'بعد التشغيل: اختبار قاطع التيار المتبقي (30 ملّي أمبير) بجهاز الاختبار وبزر T، والتأكد من أن كل مخرج يعمل.', en: 'After switching on: test the RCD (30 mA) with an RCD tester and its T button, and check that every socket works.' },
];
const WARNING: Text = {
  ar: 'إذا لم تستطع وضع علامة أمام أي بند فلا تشغّل الدائرة: أصلح السبب أو اطلب المدرّب.',
  en: 'If any item cannot be ticked, do not switch the circuit on: fix the cause or ask your trainer.',
};
const SIGN: Text = { ar: 'الاسم: ______________   التاريخ: __________\nالدائرة: ______________', en: 'Name: ______________   Date: __________\nCircuit: ______________' };

// A4 portrait, points. Arabic on the right, English on the left.
const PAGE_W = 595.28;
const MARGIN_X = 42;
const MARGIN_TOP = 44;
const GUTTER = 24;
const BOX = 9;
const BOX_GAP = 7;
const COL_W = (PAGE_W - 2 * MARGIN_X - GUTTER) / 2;
const EN_X = MARGIN_X;
const AR_X = MARGIN_X + COL_W + GUTTER;
const INK = '#1b1f23';
const MUTED = '#5a6470';
const ACCENT = '#0e4d5c';
const RULE = '#c9cfd6';
const WARN = '#a3161b';
const REGULAR = 'rabt-regular';
const BOLD = 'rabt-bold';
/** Amiri has no Greek: keep units in Latin letters (no Ω). Fixed document date (no wall clock): the same bytes on every seed. */
const DOC_DATE = new Date('2026-01-01T00:00:00Z');

/**
 * Renders the checklist.
 * @returns the PDF bytes (starts with `%PDF-`, one A4 page, about 42 KB with the font subsets).
 */
export async function demoChecklistPdf(): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN_TOP, bottom: MARGIN_TOP, left: MARGIN_X, right: MARGIN_X },
    lang: 'ar',
    displayTitle: true,
    pdfVersion: '1.7',
    compress: true,
    info: { Title: `${TITLE.ar} — ${TITLE.en}`, Author: 'Rabt demo data', Creator: 'Rabt', Producer: 'Rabt (pdfkit)', CreationDate: DOC_DATE, ModDate: DOC_DATE },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont(REGULAR, readFileSync(PDF_FONT_FILES.regular));
  doc.registerFont(BOLD, readFileSync(PDF_FONT_FILES.bold));

  const para = (text: string, dir: TextDirection, width: number, fontSize: number, bold = false): ParagraphLayout =>
    layoutParagraph(doc, text, { width, dir, fontSize, font: bold ? BOLD : REGULAR, lineHeight: 1.45 });
  const rule = (y: number, width: number, color: string): void => {
    doc.save().moveTo(MARGIN_X, y).lineTo(PAGE_W - MARGIN_X, y).lineWidth(width).strokeColor(color).stroke().restore();
  };
  /** Draws one bilingual row (Arabic right, English left), each side `indent` points in from the outer edge; returns the y below it. */
  const row = (text: Text, y: number, size: { ar: number; en: number }, color: string, bold = false, indent = 0): number => {
    const ar = para(text.ar, 'rtl', COL_W - indent, size.ar, bold);
    const en = para(text.en, 'ltr', COL_W - indent, size.en, bold);
    // Same baseline for the first lines although the sizes differ (bidi-text puts the baseline at 1 em).
    const yAr = drawLayout(doc, ar, { x: AR_X, y, width: COL_W - indent, color });
    const yEn = drawLayout(doc, en, { x: EN_X + indent, y: y + (size.ar - size.en), width: COL_W - indent, color });
    return Math.max(yAr, yEn);
  };

  let y = MARGIN_TOP;
  y = row(TITLE, y, { ar: 21, en: 16 }, ACCENT, true);
  y = row(SUBTITLE, y, { ar: 10.5, en: 9 }, MUTED) + 4;
  rule(y, 1.6, ACCENT);
  y += 12;
  y = row(INTRO, y, { ar: 11.5, en: 10 }, INK) + 8;
  for (const item of DEMO_CHECKLIST) {
    rule(y, 0.4, RULE);
    y += 7;
    const indent = BOX + BOX_GAP;
    // A tick box at the outer edge of each column, level with the item's first line.
    doc.save().lineWidth(0.9).strokeColor(ACCENT);
    doc.rect(PAGE_W - MARGIN_X - BOX, y + 7, BOX, BOX).stroke();
    doc.rect(EN_X, y + 7, BOX, BOX).stroke();
    doc.restore();
    y = row(item, y, { ar: 11.5, en: 10 }, INK, false, indent) + 5;
  }
  rule(y, 0.4, RULE);
  y += 12;
  y = row(WARNING, y, { ar: 12, en: 10.5 }, WARN, true) + 16;
  row(SIGN, y, { ar: 11, en: 9.5 }, MUTED);
  doc.end();
  return done;
}
