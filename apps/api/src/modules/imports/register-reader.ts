import { createReadStream, type ReadStream } from 'node:fs';

/**
 * Streaming readers of a legacy register file: rows come out in small arrays (at most CHUNK_ROWS), whatever
 * the file size, so memory stays flat. CSV: RFC 4180 (UTF-8, optional BOM; CRLF, LF or CR line ends; quoted
 * cells with "" escapes and line breaks; blank lines counted but not returned), parsed here. XLSX
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

/** A CSV syntax fault: the file cannot be read to the end (the job fails; rows before it keep their results). */
export class CsvSyntaxError extends Error {}

const QUOTE = 34; // "
const COMMA = 44; // ,
const CR = 13;
const LF = 10;

/**
 * Incremental RFC 4180 parser over decoded text. `feed` takes the next piece of the file and returns the
 * records completed so far; `end` returns the last one. A record is counted per line of the register (a
 * quoted cell spanning lines is one record), blank lines included, as spreadsheet programs number rows.
 * A quote inside an unquoted cell, text after a closing quote, or a quote left open at the end of the file
 * is a CsvSyntaxError, as in csv-parse's strict mode.
 */
export class CsvParser {
  private rest = '';
  private started = false;
  private records = 0;

  feed(text: string, out: SheetRow[]): void {
    let s = this.rest + text;
    if (!this.started) {
      if (s.length === 0) return;
      this.started = true;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    }
    this.rest = s.slice(this.parse(s, false, out));
  }

  end(out: SheetRow[]): void {
    const s = this.rest;
    this.rest = '';
    if (s.length > 0) this.parse(s, true, out);
  }

  /** Parses complete records of `s` into `out`; returns where the unfinished tail starts. */
  private parse(s: string, last: boolean, out: SheetRow[]): number {
    let pos = 0;
    const n = s.length;
    // The next quote at or after `pos` (searched again only once passed: one scan of the text in all).
    let quote = -1;
    while (pos < n) {
      // The record's end: the next line break (a quoted cell may move it further, below).
      let nl = pos;
      while (nl < n) {
        const c = s.charCodeAt(nl);
        if (c === LF || c === CR) break;
        nl++;
      }
      if (nl === n && !last) return pos; // the line is not complete yet
      if (quote !== n && quote < pos) quote = s.indexOf('"', pos);
      if (quote === -1) quote = n;
      if (quote >= nl) {
        // Fast path: no quote on this line.
        if (this.splitBreak(s, nl, last)) return pos;
        this.push(nl === pos ? [''] : s.slice(pos, nl).split(','), out);
        pos = this.skipBreak(s, nl);
        continue;
      }
      const r = this.quoted(s, pos, last);
      if (r === undefined || this.splitBreak(s, r.end, last)) return pos; // the record runs past the text we have
      this.push(r.cells, out);
      pos = this.skipBreak(s, r.end);
    }
    return pos;
  }

  private push(cells: string[], out: SheetRow[]): void {
    this.records++;
    out.push({ line: this.records, cells });
  }

  /** True when the text ends with a CR at `i` and more may come: it may be the first half of a CRLF. */
  private splitBreak(s: string, i: number, last: boolean): boolean {
    return !last && i === s.length - 1 && s.charCodeAt(i) === CR;
  }

  /** Past the line break at `i` (CRLF, LF or CR). */
  private skipBreak(s: string, i: number): number {
    if (i >= s.length) return i;
    return s.charCodeAt(i) === CR && s.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
  }

  /** One record with quoted cells, from `pos`; undefined when it is not complete in `s` (and more may come). */
  private quoted(s: string, pos: number, last: boolean): { cells: string[]; end: number } | undefined {
    const cells: string[] = [];
    const n = s.length;
    let i = pos;
    for (;;) {
      if (i < n && s.charCodeAt(i) === QUOTE) {
        // A quoted cell: up to the closing quote; "" is one quote.
        let value = '';
        let from = i + 1;
        for (;;) {
          const q = s.indexOf('"', from);
          if (q === -1) {
            if (!last) return undefined;
            throw new CsvSyntaxError(`Quote Not Closed: the file ends inside a quoted cell (record ${this.records + 1}).`);
          }
          if (q + 1 >= n && !last) return undefined; // cannot tell "" from a closing quote yet
          value += s.slice(from, q);
          if (s.charCodeAt(q + 1) === QUOTE) {
            value += '"';
            from = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        cells.push(value);
        if (i >= n) {
          if (!last) return undefined;
          return { cells, end: i };
        }
        const c = s.charCodeAt(i);
        if (c === COMMA) {
          i++;
          continue;
        }
        if (c === LF || c === CR) return { cells, end: i };
        throw new CsvSyntaxError(`Invalid Closing Quote: text after a closing quote (record ${this.records + 1}).`);
      }
      // An unquoted cell: up to the next comma or line break; a quote inside it is a fault.
      let j = i;
      while (j < n) {
        const c = s.charCodeAt(j);
        if (c === COMMA || c === LF || c === CR) break;
        if (c === QUOTE) throw new CsvSyntaxError(`Invalid Opening Quote: a quote inside an unquoted cell (record ${this.records + 1}).`);
        j++;
      }
      if (j >= n && !last) return undefined;
      cells.push(s.slice(i, j));
      if (j < n && s.charCodeAt(j) === COMMA) {
        i = j + 1;
        continue;
      }
      return { cells, end: j };
    }
  }
}

async function* csvChunks(file: ReadStream): AsyncGenerator<SheetRow[]> {
  file.setEncoding('utf8');
  const parser = new CsvParser();
  let out: SheetRow[] = [];
  const ready = function* (): Generator<SheetRow[]> {
    // Blank lines are counted (line numbers) but not returned.
    const rows = out.filter((r) => !r.cells.every((c) => c.trim() === ''));
    out = [];
    for (let i = 0; i < rows.length; i += CHUNK_ROWS) yield rows.slice(i, i + CHUNK_ROWS);
  };
  for await (const text of file as AsyncIterable<string>) {
    parser.feed(text, out);
    yield* ready();
  }
  parser.end(out);
  yield* ready();
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
