/**
 * Issuing a signed document of this node alone (issue 5 §8, issue 6 §6): a certificate, licence or
 * permit. The same trust layer as contracts (issue 4): the payload's RFC 8785 canonical JSON is signed
 * with the node's Ed25519 key (JWS, EdDSA), its salted digest is appended to the transparency register
 * (RFC 9162) in the caller's transaction, and the document gets a verification code and a QR token that
 * /verify and the offline verifier check.
 */
import canonicalize from 'canonicalize';
import type { Transaction } from 'kysely';
import type { DocumentField } from '@rabt/contracts';
import { DOCUMENT_TOKEN_TYP, documentLeafData, type DocumentTokenClaims } from '@rabt/trust';
import type { DB, IssuedDocumentKind } from '../../platform/db/schema.ts';
import type { Config } from '../../platform/config.ts';
import type { DocumentSigner } from '../federation/document-signing.ts';
import { digestOf, maskName, newSalt, newVerificationCode } from './document-basics.ts';
import * as repo from './documents.repository.ts';
import type { DocumentRegister } from './register-port.ts';
import type { VerificationCache } from './verification-cache.ts';

export interface DocumentsDeps {
  config: Config;
  signer: DocumentSigner;
  register: DocumentRegister;
  verifyCache: VerificationCache;
}

export interface IssueInput {
  kind: Exclude<IssuedDocumentKind, 'contract'>;
  /** The issuing module's record (application, enrolment …): (kind, subjectId, subjectVersion) is unique. */
  subjectId: string;
  subjectVersion?: number;
  /** The citizen who may download it. */
  holderCitizenId: string | null;
  title: { ar: string; en: string };
  /** Key facts for /verify and the PDF; the field with key `holder` carries the full name and is masked on /verify and in the QR. */
  fields: DocumentField[];
  /** RFC 3339 full-date, or null when it does not expire. */
  validUntil: string | null;
  /** Everything the signature covers (the facts above and any detail the module keeps). */
  payload: Record<string, unknown>;
}

/** The document's public URL: /verify/{code}#{QR token}. */
export function verifyUrlOf(config: Pick<Config, 'publicUrl' | 'host' | 'port'>, code: string, token: string): string {
  const base = (config.publicUrl ?? `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`).replace(/\/$/, '');
  return `${base}/verify/${code}#${token}`;
}

/**
 * Upper bound, in bytes, of a document's verify URL with its QR token: about QR version 31 at error
 * correction M (ISO/IEC 18004: 1,370 bytes in byte mode at version 30-M, 2,331 at 40-M), still read by a
 * phone camera from a printed A4 page. A longer URL would not fit a scannable code (or any code at all).
 */
export const QR_URL_MAX_BYTES = 1400;

/** Field values cut to `max` characters (an ellipsis marks the cut): the QR token's shorter facts. */
function shortened(fields: DocumentField[], max: number): DocumentField[] {
  const cut = (t: string) => (t.length > max ? `${t.slice(0, max - 1)}…` : t);
  return fields.map((f) => ({ ...f, value: { ar: cut(f.value.ar), en: cut(f.value.en) } }));
}

/**
 * Signs the QR token so that its verify URL fits QR_URL_MAX_BYTES: all facts as issued if they fit, else
 * each fact's values cut to 48, then 24 characters, else no facts (code, digest, register position and title
 * remain, enough for the offline signature and inclusion check). The full facts stay in the signed
 * document, on /verify and in the downloadable bundle; the token is their signed summary.
 */
function fittedToken(deps: Pick<DocumentsDeps, 'config' | 'signer'>, code: string, claims: DocumentTokenClaims): string {
  const full = claims.fields ?? [];
  let token = '';
  for (const fields of [full, shortened(full, 48), shortened(full, 24), []]) {
    token = deps.signer.signCompact({ ...claims, fields }, DOCUMENT_TOKEN_TYP);
    if (Buffer.byteLength(verifyUrlOf(deps.config, code, token)) <= QR_URL_MAX_BYTES) return token;
  }
  return token;
}

/** Masks the holder's name in a field list (what leaves the holder's own account). */
export function maskedFields(fields: DocumentField[]): DocumentField[] {
  return fields.map((f) => (f.key === 'holder' ? { ...f, value: { ar: maskName(f.value.ar), en: maskName(f.value.en) } } : f));
}

/** Issues the document in the caller's transaction. Returns its code, QR token, verify URL and register index. */
export async function issueDocument(trx: Transaction<DB>, deps: DocumentsDeps, input: IssueInput, now: Date): Promise<{ code: string; token: string; verifyUrl: string; registerIndex: number }> {
  const payload = { type: `rabt.${input.kind.replace(/_/g, '-')}`, specVersion: 1, salt: newSalt(), issuer: deps.config.country, kind: input.kind, title: input.title, fields: input.fields, validUntil: input.validUntil, issuedAt: now.toISOString(), details: input.payload };
  const text = canonicalize(payload);
  if (text === undefined) throw new Error('document payload cannot be canonicalized');
  const bytes = new TextEncoder().encode(text);
  const digest = digestOf(bytes);
  const signature = deps.signer.sign(bytes, 'rabt-document+jws');
  const { index } = await deps.register.append(trx, { kind: input.kind, data: documentLeafData(input.kind, digest) });
  const code = newVerificationCode(deps.config.country);
  const claims: DocumentTokenClaims = { v: 1, code, kind: input.kind, digest, iss: deps.config.country, iat: Math.floor(now.getTime() / 1000), register: { origin: deps.register.origin, index }, title: input.title, fields: maskedFields(input.fields), validUntil: input.validUntil };
  const token = fittedToken(deps, code, claims);
  await repo.insertIssued(trx, {
    code,
    kind: input.kind,
    subject_id: input.subjectId,
    subject_version: input.subjectVersion ?? 1,
    digest,
    payload: JSON.stringify(payload),
    signatures: JSON.stringify([signature]),
    qr_token: token,
    register_index: index,
    issued_at: now,
    holder_citizen_id: input.holderCitizenId,
    title: JSON.stringify(input.title),
    fields: JSON.stringify(input.fields),
    valid_until: input.validUntil,
  });
  return { code, token, verifyUrl: verifyUrlOf(deps.config, code, token), registerIndex: index };
}

/** Revokes an issued document with a reason (in the caller's transaction); /verify answers `revoked` at once on this node. */
export async function revokeDocument(trx: Transaction<DB>, deps: Pick<DocumentsDeps, 'verifyCache'>, code: string, reason: string, now: Date): Promise<void> {
  await repo.setIssuedStatus(trx, code, 'revoked', now, null, reason);
  deps.verifyCache.invalidate(code);
}
