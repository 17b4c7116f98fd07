/**
 * Lesson files (issue 6 §1): uploads streamed to DATA_DIR/<country>/elearning/<id>, typed by their magic
 * bytes (never by the client's Content-Type or name), size-limited, and served with HTTP range requests
 * (RFC 9110 §14: Range, Accept-Ranges, Content-Range, If-Range; 206, 416).
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { LESSON_FILE_LIMITS } from '@rabt/contracts';
import type { Config } from '../../platform/config.ts';
import { AppError } from '../../http/errors.ts';

export type LessonMediaType = keyof typeof LESSON_FILE_LIMITS;
const MAX_ANY = Math.max(...Object.values(LESSON_FILE_LIMITS));

export function filesDir(config: Pick<Config, 'dataDir' | 'country'>): string {
  return join(config.dataDir, config.country.toLowerCase(), 'elearning');
}

/**
 * The media type from the first bytes: PDF `%PDF-` (ISO 32000-1 §7.5.2); MP4 an ISO BMFF `ftyp` box at
 * offset 4 (ISO/IEC 14496-12 §4.3); WebM an EBML header 1A 45 DF A3 whose DocType is "webm" (RFC 9559).
 */
export function sniffMediaType(head: Uint8Array): LessonMediaType | null {
  const b = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (b.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (b.length >= 12 && b.subarray(4, 8).toString('latin1') === 'ftyp') return 'video/mp4';
  if (b.length >= 4 && b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3 && b.subarray(0, 64).includes('webm', 0, 'latin1')) return 'video/webm';
  return null;
}

/**
 * Streams an upload to disk: refused before reading when Content-Length is over the largest limit; aborted
 * as soon as it grows past it; then sniffed and checked against its type's limit. On any refusal nothing
 * stays on disk. Errors: 413 `lesson_file_too_large`, 415 `lesson_file_type`.
 */
export async function storeUpload(config: Pick<Config, 'dataDir' | 'country'>, body: Readable, declaredLength: number | undefined): Promise<{ id: string; path: string; mediaType: LessonMediaType; size: number; sha256: string }> {
  if (declaredLength !== undefined && declaredLength > MAX_ANY) {
    body.resume();
    throw new AppError('lesson_file_too_large');
  }
  const dir = filesDir(config);
  mkdirSync(dir, { recursive: true });
  const id = randomUUID();
  const tmp = join(dir, `.upload-${id}`);
  const hash = createHash('sha256');
  const head: Buffer[] = [];
  let headLength = 0;
  let size = 0;
  const out = createWriteStream(tmp, { flags: 'wx' });
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_ANY) throw new AppError('lesson_file_too_large');
      if (headLength < 64) {
        head.push(chunk.subarray(0, 64 - headLength));
        headLength += Math.min(chunk.length, 64 - headLength);
      }
      hash.update(chunk);
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', resolve));
    }
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    const mediaType = size > 0 ? sniffMediaType(Buffer.concat(head)) : null;
    if (!mediaType) throw new AppError('lesson_file_type');
    if (size > LESSON_FILE_LIMITS[mediaType]) throw new AppError('lesson_file_too_large');
    const path = join(dir, id);
    await rename(tmp, path);
    return { id, path, mediaType, size, sha256: hash.digest('hex') };
  } catch (err) {
    out.destroy();
    body.destroy();
    await rm(tmp, { force: true });
    throw err;
  }
}

export async function removeStored(config: Pick<Config, 'dataDir' | 'country'>, id: string): Promise<void> {
  await rm(join(filesDir(config), id), { force: true });
}

export type RangeAnswer = { kind: 'full' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' };

/**
 * Interprets a Range header for a representation of `size` bytes (RFC 9110 §14.1.2, §14.2): one
 * `bytes=a-b`, `bytes=a-` or suffix `bytes=-n` range is served as 206, a last-byte-pos at or past the end
 * being clamped to size − 1 (§14.1.2) and a suffix longer than the file meaning the whole file; the unit is
 * matched case-insensitively (§14.1). A syntactically invalid header (including last < first), another unit
 * or several ranges are ignored (a 200 with the whole file is a valid answer, §14.2); a range starting at or
 * past the end, a zero suffix, or any range of an empty representation is 416 (§15.5.17).
 * `If-Range` with a different ETag (or a date: weak) means the whole file (§13.1.5).
 * Shared by the lesson file route and SCORM package files (scorm.service.ts packageFile).
 */
export function interpretRange(rangeHeader: string | undefined, ifRange: string | undefined, etag: string, size: number): RangeAnswer {
  if (!rangeHeader) return { kind: 'full' };
  if (ifRange !== undefined && ifRange.trim() !== etag) return { kind: 'full' };
  const m = /^bytes=(\d*)-(\d*)$/i.exec(rangeHeader.trim());
  if (!m || (m[1] === '' && m[2] === '')) return { kind: 'full' };
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  if (m[2] !== '' && Number(m[2]) < start) return { kind: 'full' };
  if (start >= size) return { kind: 'unsatisfiable' };
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  return { kind: 'partial', start, end };
}

export function readStored(config: Pick<Config, 'dataDir' | 'country'>, id: string, range?: { start: number; end: number }): Readable {
  return createReadStream(join(filesDir(config), id), range ? { start: range.start, end: range.end } : {});
}
