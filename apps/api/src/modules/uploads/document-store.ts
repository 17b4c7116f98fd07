import { createReadStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import type { Config } from '../../platform/config.ts';
import type * as S3 from '@aws-sdk/client-s3';

/**
 * Where the bytes of uploaded documents live (issue 5 §6). Keys are random ids chosen by the server
 * (UUID v4, the application_documents row id), never a user's file name. Nothing is ever executed or
 * interpreted: bytes in, the same bytes out.
 */
export interface DocumentStore {
  /** Stores `bytes` under `id` (overwrites nothing: ids are fresh UUIDs). */
  put(id: string, bytes: Buffer, contentType: string): Promise<void>;
  /**
   * A stream of the bytes stored under `id`, or of bytes `range.start`..`range.end` (inclusive, 0-based,
   * already checked against the size: files.ts interpretRange); rejects if there are none.
   */
  get(id: string, range?: { start: number; end: number }): Promise<Readable>;
  /** Deletes the bytes under `id`; no error if they are already gone. */
  delete(id: string): Promise<void>;
}

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function checkId(id: string): string {
  // Defence in depth: ids are server-generated UUIDs; anything else (e.g. "../") never reaches the file system.
  if (!ID.test(id)) throw new Error('invalid document id');
  return id;
}

/**
 * Local-disk store (default): files `<dir>/<id[0..1]>/<id>` with mode 0600, directories created on demand.
 * `dir` is DATA_DIR/<country>/uploads. Files are written whole then read back as streams.
 */
export function localDiskStore(dir: string): DocumentStore {
  const root = resolve(dir);
  const pathOf = (id: string) => join(root, checkId(id).slice(0, 2), id);
  return {
    async put(id, bytes) {
      const path = pathOf(id);
      await mkdir(join(root, id.slice(0, 2)), { recursive: true, mode: 0o700 });
      await writeFile(path, bytes, { mode: 0o600, flag: 'wx' });
    },
    get(id, range) {
      const path = pathOf(id);
      return new Promise((ok, fail) => {
        const stream = createReadStream(path, range ? { start: range.start, end: range.end } : {});
        stream.once('open', () => ok(stream));
        stream.once('error', fail);
      });
    },
    async delete(id) {
      await rm(pathOf(id), { force: true });
    },
  };
}

/**
 * S3-compatible store (UPLOADS_STORE=s3; AWS S3, MinIO, Ceph RGW...): objects `uploads/<id>` in
 * S3_BUCKET, path-style addressing when S3_ENDPOINT is set (what MinIO needs). The SDK is loaded on
 * first use, so nodes on local disk do not load it.
 */
export function s3Store(s3: Config['uploads']['s3']): DocumentStore {
  const bucket = s3.bucket!;
  const key = (id: string) => `uploads/${checkId(id)}`;
  let client: Promise<{ sdk: typeof S3; client: S3.S3Client }> | undefined;
  const sdk = () =>
    (client ??= import('@aws-sdk/client-s3').then((m) => ({
      sdk: m,
      client: new m.S3Client({
        region: s3.region,
        ...(s3.endpoint ? { endpoint: s3.endpoint, forcePathStyle: true } : {}),
        credentials: { accessKeyId: s3.accessKeyId!, secretAccessKey: s3.secretAccessKey! },
      }),
    })));
  return {
    async put(id, bytes, contentType) {
      const { sdk: m, client: c } = await sdk();
      await c.send(new m.PutObjectCommand({ Bucket: bucket, Key: key(id), Body: bytes, ContentType: contentType, ContentLength: bytes.length }));
    },
    async get(id, range) {
      const { sdk: m, client: c } = await sdk();
      const out = await c.send(new m.GetObjectCommand({ Bucket: bucket, Key: key(id), ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) }));
      if (!out.Body) throw new Error('empty object');
      return out.Body as Readable;
    },
    async delete(id) {
      const { sdk: m, client: c } = await sdk();
      await c.send(new m.DeleteObjectCommand({ Bucket: bucket, Key: key(id) }));
    },
  };
}

/** The store the configuration asks for: local disk under DATA_DIR/<country>/uploads by default. */
export function documentStoreFor(config: Pick<Config, 'uploads' | 'dataDir' | 'country'>): DocumentStore {
  return config.uploads.store === 's3' ? s3Store(config.uploads.s3) : localDiskStore(join(config.dataDir, config.country, 'uploads'));
}
