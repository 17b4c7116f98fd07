import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Registry } from 'prom-client';
import { z } from 'zod';
import {
  RegisterAlert,
  RegisterAlertsQuery,
  RegisterCheckpointView,
  RegisterConsistencyProof,
  RegisterConsistencyQuery,
  RegisterInclusionProof,
  RegisterInclusionQuery,
  RegisterKeys,
} from '@rabt/contracts';
import type { AppDeps } from '../../http/context.ts';
import { problemResponses } from '../../http/route-helpers.ts';
import { requireStaff } from '../../platform/auth/principal.ts';
import { INCONSISTENCY_METRIC } from './register.service.ts';

const tags = ['transparency register'];
const ALERT_READERS = ['hq_admin', 'auditor', 'overseas_officer'] as const;

/**
 * Cache-Control for a successful public answer. The app marks every /api/ answer `no-store`; a route-level
 * onSend hook runs after the app's, so it can relax that for answers anyone may cache.
 */
function cacheFor(seconds: number, immutable = false) {
  return async (_req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (reply.statusCode === 200) void reply.header('cache-control', `public, max-age=${seconds}${immutable ? ', immutable' : ''}`);
  };
}

/**
 * The transparency register's public read API (issue 4 §7): this node's RFC 9162 Merkle log of the
 * documents it issues, its latest signed checkpoint (C2SP tlog-checkpoint, with the witnesses' C2SP
 * tlog-cosignature lines), inclusion and consistency proofs (RFC 9162 §2.1.3 and §2.1.4) and the verifier
 * keys. Public, no sign-in, no personal data (leaves are salted digests). Hashes are standard base64.
 * `metrics` receives the register's prom-client counter (rabt_register_inconsistencies_total).
 */
export function registerRoutes(deps: AppDeps, metrics?: Registry): FastifyPluginAsync {
  const register = deps.register;
  if (metrics && !metrics.getSingleMetric(INCONSISTENCY_METRIC)) metrics.registerMetric(register.inconsistencies);
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    /**
     * The latest checkpoint as a C2SP signed note (text/plain; charset=utf-8): origin line, tree size,
     * base64 root hash, a blank line, then `— <name> <base64 signature>` lines: the log's Ed25519 signature
     * (key name = origin) followed by the cosignatures (cosignature/v1) received from peer witnesses.
     * Cacheable for 2 s. 404 `register_no_checkpoint` while the log is empty.
     */
    app.get(
      '/register/checkpoint',
      { schema: { tags, description: 'Signed note, text/plain (C2SP tlog-checkpoint + tlog-cosignature).', response: { 200: z.string(), ...problemResponses } }, onSend: cacheFor(2) },
      async (_req, reply) => {
        const cp = await register.latestCheckpoint();
        return reply.type('text/plain; charset=utf-8').send(cp.note);
      },
    );

    /**
     * The latest checkpoint parsed: `{ origin, size, rootHash (base64), note, createdAt, cosignatures:
     * [{ witness, country, time }] }`. Cacheable for 2 s. 404 `register_no_checkpoint` while the log is empty.
     */
    app.get('/register/checkpoint.json', { schema: { tags, response: { 200: RegisterCheckpointView, ...problemResponses } }, onSend: cacheFor(2) }, async () => {
      const cp = await register.latestCheckpoint();
      return {
        origin: cp.origin,
        size: cp.size,
        rootHash: cp.rootHash,
        note: cp.note,
        createdAt: cp.createdAt.toISOString(),
        cosignatures: cp.cosignatures.map((c) => ({ witness: c.witness, country: c.country, time: c.time.toISOString() })),
      };
    });

    /**
     * Inclusion proof (RFC 9162 §2.1.3.1) of leaf `index` in the tree of `size` leaves, `size` at most the
     * latest checkpoint's. Digits may be ASCII or Arabic-Indic. `{ index, size, leafHash, proof: [base64…] }`
     * (leaf upwards); immutable once given, so cacheable for a year.
     * 400 `validation_failed` (not a non-negative integer), `register_index_out_of_range` (index ≥ size),
     * `register_size_beyond_checkpoint` (size > latest checkpoint).
     */
    app.get(
      '/register/proof/inclusion',
      { schema: { tags, querystring: RegisterInclusionQuery, response: { 200: RegisterInclusionProof, ...problemResponses } }, onSend: cacheFor(31_536_000, true) },
      async (req) => {
        const p = await register.inclusionProof(req.query.index, req.query.size);
        return { index: req.query.index, size: req.query.size, leafHash: b64(p.leafHash), proof: p.proof.map(b64) };
      },
    );

    /**
     * Consistency proof (RFC 9162 §2.1.4.1) from tree size `first` to `second` (1 ≤ first ≤ second ≤ latest
     * checkpoint size; empty when equal). `{ first, second, proof: [base64…] }`; cacheable for a year.
     * 400 `validation_failed`, `register_consistency_range`, `register_size_beyond_checkpoint`.
     */
    app.get(
      '/register/proof/consistency',
      { schema: { tags, querystring: RegisterConsistencyQuery, response: { 200: RegisterConsistencyProof, ...problemResponses } }, onSend: cacheFor(31_536_000, true) },
      async (req) => {
        const proof = await register.consistencyProof(req.query.first, req.query.second);
        return { first: req.query.first, second: req.query.second, proof: proof.map(b64) };
      },
    );

    /**
     * Verifier keys for offline checking (C2SP signed-note vkeys `<name>+<hex key id>+<base64 key>`): this
     * log's keys (Ed25519, name = origin) and, per peer, its witness keys (cosignature/v1, name
     * `rabt.<country>/witness`) taken from the peer's pinned federation keys. Cacheable for 5 minutes.
     */
    app.get('/register/keys', { schema: { tags, response: { 200: RegisterKeys, ...problemResponses } }, onSend: cacheFor(300) }, async () => register.keys());

    /**
     * Inconsistencies this node's witness/monitor found (newest first, `limit` 1–200, default 50):
     * a peer log whose checkpoint is not signed by its pinned key, not consistent with the one verified
     * before, or rewrites a size (also when it serves over HTTP another checkpoint than it pushed: a split view);
     * a witness whose cosignature does not verify; a peer whose checkpoint could not be fetched for too long
     * (`peer_unreachable`); a peer witness that stopped cosigning this log (`witness_silent`). HQ administrators,
     * auditors and overseas-employment officers. 401, 403.
     */
    app.get('/register/alerts', { schema: { tags, querystring: RegisterAlertsQuery, response: { 200: z.array(RegisterAlert), ...problemResponses } } }, async (req) => {
      requireStaff(req.principal, ALERT_READERS);
      return register.alerts(req.query.limit);
    });
  };
}

function b64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}
