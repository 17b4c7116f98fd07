/**
 * Renders the sample contract PDF so a person can look at it:
 *   node --import tsx apps/api/src/platform/pdf/render-sample.ts [out.pdf] [--status]
 * then e.g. `pdftoppm -r 80 -png out.pdf /tmp/pdfcheck/p` and open the PNGs. `--status` adds a
 * "cancelled" band and watermark.
 */
import { writeFileSync } from 'node:fs';
import { renderDocumentPdf } from './document-pdf.ts';
import { sampleContractView } from './sample-contract.ts';

const args = process.argv.slice(2);
const out = args.find((a) => !a.startsWith('--')) ?? 'sample-contract.pdf';
const status = args.includes('--status')
  ? { text: { ar: 'ملغى — حل محله الإصدار 2 بتاريخ 2027-01-15', en: 'Cancelled — superseded by version 2 on 2027-01-15' }, tone: 'warning' as const }
  : undefined;
const pdf = await renderDocumentPdf(sampleContractView(status ? { status } : {}));
writeFileSync(out, pdf);
console.log(`${out}: ${pdf.length} bytes`);
