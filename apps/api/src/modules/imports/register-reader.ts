import { createReadStream, type ReadStream } from 'node:fs';
import { parse } from 'csv-parse';

/**
 * Streaming readers of a legacy register file: rows come out in small arrays (at most CHUNK_ROWS), whatever
 * the file size, so memory stays flat. CSV: RFC 4180 through csv-parse (UTF-8, optional BOM, blank lines
 * counted but not returned). XLSX
 * (ECMA-376): the first worksheet through exceljs' streaming WorkbookReader. Every cell comes out as a
 * string (XLSX cells trimmed, dates as YYYY-MM-DD, numbers in plain decimal notation).
 */
export interface SheetRow {
  /** Row number in the file as a spreadsheet shows it (the header is row 1). */
  line: number;
  cells: string[];
}

export interface RegisterReader {
  /** The rows in file order, a few hundred at a time (never an empty array). */
  chunks: AsyncIterator<SheetRow[]>;
  /** Bytes of the file consumed so far (progress estimate). */
  bytesRead(): number;
  close(): void;
}

/** Rows per chunk: big enough that the per-chunk overhead vanishes, small enough to keep memory flat. */
export const CHUNK_ROWS = 512;

/** Opens `path` as `type` and returns its rows (header included). */
export function openRegister(path: string, type: 'csv' | 'xlsx'): RegisterReader {
  const file = createReadStream(path, { highWaterMark: 256 * 1024 });
  const chunks = type === 'csv' ? csvChunks(file) : xlsxChunks(file);
  return {
    chunks: chunks[Symbol.asyncIterator](),
    bytesRead: () => file.bytesRead,
    close: () => file.destroy(),
  };
}

async function* csvChunks(file: ReadStream): AsyncGenerator<SheetRow[]> {
  // RFC 4180 through csv-parse. No `info`/`trim` options: they cost csv-parse 3–4× its speed. Line numbers
  // are counted here, one per record (exact unless a quoted cell spans lines); blank lines are counted but
  // not returned. Records are handed on CHUNK_ROWS at a time so the caller's per-row cost is a loop body.
  const parser = file.pipe(parse({ bom: true, relax_column_count: true }));
  file.on('error', (e) => parser.destroy(e));
  let line = 0;
  let chunk: SheetRow[] = [];
  for await (const record of parser as AsyncIterable<string[]>) {
    line++;
    if (record.every((c) => c.trim() === '')) continue;
    chunk.push({ line, cells: record });
    if (chunk.length >= CHUNK_ROWS) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** The text of an exceljs cell value (rich text, formulas' results, hyperlinks, dates). */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
    if (Array.isArray(o.richText)) return o.richText.map((t) => t.text).join('').trim();
    if ('result' in o) return cellText(o.result);
    if ('text' in o) return cellText(o.text);
  }
  return '';
}

async function* xlsxChunks(file: ReadStream): AsyncGenerator<SheetRow[]> {
  // Loaded on first use: CSV imports (and the rest of the API) do not pay for exceljs.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  let out: SheetRow[] = [];
  for await (const sheet of workbook) {
    for await (const row of sheet as AsyncIterable<{ number: number; values: unknown }>) {
      // row.values is 1-based (index 0 unused).
      const values = (row.values as unknown[]).slice(1);
      const cells = Array.from({ length: values.length }, (_, i) => cellText(values[i]));
      if (cells.every((c) => c === '')) continue;
      out.push({ line: row.number, cells });
      if (out.length >= CHUNK_ROWS) {
        yield out;
        out = [];
      }
    }
    // Only the first worksheet is the register.
    break;
  }
  if (out.length > 0) yield out;
}
