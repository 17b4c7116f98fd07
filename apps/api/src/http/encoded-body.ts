import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { negotiate } from '@fastify/accept-negotiator';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The content codings we send (RFC 9110 §8.4.1), in our order of preference when the client weighs them equally. */
const CODINGS = ['br', 'gzip'] as const;
type Coding = (typeof CODINGS)[number];

/** Negotiated codings by Accept-Encoding value (a browser sends the same value on every request); bounded. */
const negotiated = new Map<string, Coding | null>();
const NEGOTIATED_MAX = 64;

function codingFor(acceptEncoding: string): Coding | null {
  let coding = negotiated.get(acceptEncoding);
  if (coding === undefined) {
    coding = negotiate<Coding>(acceptEncoding, [...CODINGS]);
    if (negotiated.size >= NEGOTIATED_MAX) negotiated.clear();
    negotiated.set(acceptEncoding, coding);
  }
  return coding;
}

/** Below this a coding saves too little to be worth the client's work (a TCP segment carries ~1.4 KB). */
const MIN_BYTES = 1024;

/**
 * A response body kept in memory in its identity form and, built on first demand and kept beside it, in
 * the content codings a client accepts (Brotli, RFC 7932; gzip, RFC 1952). For a body that is served
 * many times (a trainee's lesson page, course-cache.ts), so that a phone on a slow link receives about a
 * quarter of the bytes and the node compresses once, not per request.
 *
 * Brotli at quality 5 and gzip at level 6: a 9 KB lesson page compresses in well under a millisecond.
 */
export class EncodedBody {
  private readonly encoded = new Map<Coding, Buffer>();

  constructor(readonly identity: Buffer) {}

  /**
   * The bytes to send for a request's `Accept-Encoding` header (RFC 9110 §12.5.3, negotiated by
   * @fastify/accept-negotiator, q-values honoured, `identity;q=0` not supported) and the coding to name
   * in `Content-Encoding` (undefined: identity).
   */
  for(acceptEncoding: string | undefined): { coding: Coding | undefined; bytes: Buffer } {
    if (!acceptEncoding || this.identity.length < MIN_BYTES) return { coding: undefined, bytes: this.identity };
    const coding = codingFor(acceptEncoding);
    if (!coding) return { coding: undefined, bytes: this.identity };
    let bytes = this.encoded.get(coding);
    if (!bytes) {
      bytes =
        coding === 'br'
          ? brotliCompressSync(this.identity, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT, [zlib.BROTLI_PARAM_SIZE_HINT]: this.identity.length } })
          : gzipSync(this.identity, { level: 6 });
      this.encoded.set(coding, bytes);
    }
    return { coding, bytes };
  }
}

/**
 * Sends an EncodedBody in the coding the request accepts, with `Vary: Accept-Encoding` so that a shared
 * cache never hands one client's coding to another (RFC 9110 §12.5.5). The caller sets the media type.
 */
export function sendEncoded(req: FastifyRequest, reply: FastifyReply, body: EncodedBody): void {
  const header = req.headers['accept-encoding'];
  const { coding, bytes } = body.for(typeof header === 'string' ? header : undefined);
  void reply.header('vary', 'accept-encoding');
  if (coding) void reply.header('content-encoding', coding);
  void reply.send(bytes);
}
