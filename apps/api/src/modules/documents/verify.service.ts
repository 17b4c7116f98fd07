/**
 * Public verification of every document this node issued (issue 4 §6; issue 5 §8): by code, the status
 * (genuine | cancelled | superseded | revoked | not_found), the title and key facts with the holder's name
 * masked — never a passport or national ID. The holder downloads the PDF and the offline verification
 * file of their own documents. The trust bundle gives offline verifiers the public keys to cache.
 */
import type { ContractPayload, DocumentField, JwsSignature, VerificationResult } from '@rabt/contracts';
import { VerificationCode } from '@rabt/contracts';
import { DOCUMENT_BUNDLE_FORMAT, TRUST_BUNDLE_FORMAT, type DocumentBundle, type TrustBundle } from '@rabt/trust';
import canonicalize from 'canonicalize';
import type { Kysely } from 'kysely';
import { AppError } from '../../http/errors.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { Clock } from '../../platform/clock.ts';
import { renderDocumentPdf } from '../../platform/pdf/document-pdf.ts';
import { dateText, displayValue } from '../../platform/pdf/dates.ts';
import { arabicIndicDigits } from '../../platform/pdf/numbers.ts';
import { CONTRACT_TITLE, contractFields, tokenClaims } from '../contracts/contract-document.ts';
import type { DocumentSigner } from '../federation/document-signing.ts';
import * as repo from './documents.repository.ts';
import { maskedFields, verifyUrlOf, type DocumentsDeps } from './issue.ts';
import { cityNameAr } from '../reference/cities.ts';

export type VerifyDeps = DocumentsDeps & { db: Kysely<DB>; clock: Clock; signer: DocumentSigner };

const NOT_FOUND = (code: string): VerificationResult => ({
  status: 'not_found',
  code,
  kind: null,
  title: null,
  fields: [],
  validUntil: null,
  statusReason: null,
  issuedAt: null,
  statusChangedAt: null,
  supersededBy: null,
  digest: null,
  keyTerms: null,
  signedBy: [],
  register: null,
});

function signersOf(signatures: unknown): Array<{ country: string; kid: string }> {
  return (signatures as JwsSignature[]).map((s) => {
    const h = JSON.parse(Buffer.from(s.protected, 'base64url').toString('utf8')) as { iss: string; kid: string };
    return { country: h.iss, kid: h.kid };
  });
}

/**
 * Public verification of a code (case-insensitive; e.g. EG-7K3M-9QXD-2HFA). A malformed code is
 * `not_found` too, so the answer never helps guess codes.
 */
export async function verifyCode(deps: Pick<VerifyDeps, 'db' | 'register'>, raw: string): Promise<VerificationResult> {
  const parsed = VerificationCode.safeParse(raw);
  if (!parsed.success) return NOT_FOUND(raw.slice(0, 40));
  const d = await repo.findIssuedByCode(deps.db, parsed.data);
  if (!d) return NOT_FOUND(parsed.data);
  const base = {
    status: d.status,
    code: d.code,
    kind: d.kind,
    issuedAt: new Date(d.issued_at).toISOString(),
    statusChangedAt: d.status_changed_at ? new Date(d.status_changed_at).toISOString() : null,
    supersededBy: d.superseded_by,
    statusReason: d.status_reason,
    digest: d.digest,
    signedBy: signersOf(d.signatures),
    register: { origin: deps.register.origin, index: Number(d.register_index) },
  };
  if (d.kind !== 'contract') {
    return { ...base, title: d.title, fields: maskedFields((d.fields ?? []) as DocumentField[]), validUntil: d.valid_until, keyTerms: null };
  }
  const payload = d.payload as unknown as ContractPayload;
  const t = payload.terms;
  const c = await deps.db.selectFrom('countries').select(['name_ar', 'name_en', 'currency_minor_units']).where('iso2', '=', t.destinationCountry).executeTakeFirst();
  const claims = tokenClaims(d.code, d.digest, payload, base.register, new Date(d.issued_at));
  return {
    ...base,
    title: CONTRACT_TITLE,
    fields: contractFields(t),
    validUntil: null,
    keyTerms: { ...claims.terms, workplaceCityAr: cityNameAr(t.destinationCountry, t.workplaceCity), countryName: { ar: c?.name_ar ?? t.destinationCountry, en: c?.name_en ?? t.destinationCountry }, wageMinorUnits: 10 ** (c?.currency_minor_units ?? 2) },
  };
}

/** verifyCode as the JSON text the route sends; existing documents come from the cache (verification-cache.ts). */
export async function verifyCodeJson(deps: Pick<VerifyDeps, 'db' | 'register' | 'verifyCache'>, raw: string): Promise<string> {
  const key = raw.trim().toUpperCase();
  return deps.verifyCache.get(key, async () => {
    const result = await verifyCode(deps, key);
    return { json: JSON.stringify(result), cacheable: result.status !== 'not_found' };
  });
}

/** Public material for offline verifiers: the nodes' JWKS, this register's key and the peers' witness keys. */
export async function trustBundle(deps: Pick<VerifyDeps, 'signer' | 'register' | 'clock'>): Promise<TrustBundle> {
  const [nodes, keys] = await Promise.all([deps.signer.trustedKeys(), deps.register.trustKeys()]);
  return { format: TRUST_BUNDLE_FORMAT, issuedAt: deps.clock().toISOString(), nodes, logs: keys.logs, witnesses: keys.witnesses, minWitnesses: keys.witnesses.length > 0 ? 1 : 0 };
}

async function holderDocument(deps: Pick<VerifyDeps, 'db'>, citizenId: string, code: string) {
  const d = await repo.findIssuedByCode(deps.db, code.trim().toUpperCase());
  if (!d || d.holder_citizen_id !== citizenId) throw new AppError('document_not_found');
  return d;
}

/** The holder's documents (certificates, licences, permits), newest first. */
export async function holderDocuments(deps: Pick<VerifyDeps, 'db' | 'register'>, citizenId: string): Promise<VerificationResult[]> {
  const rows = await repo.issuedOfHolder(deps.db, citizenId);
  return Promise.all(rows.map((r) => verifyCode(deps, r.code)));
}

/** The holder's offline verification file of one document. 404 `document_not_found`, 503 `register_checkpoint_pending`. */
export async function holderBundle(deps: Pick<VerifyDeps, 'db' | 'register'>, citizenId: string, code: string): Promise<DocumentBundle> {
  const d = await holderDocument(deps, citizenId, code);
  const proof = await deps.register.proofBundle(Number(d.register_index));
  if (!proof) throw new AppError('register_checkpoint_pending');
  const canonical = canonicalize(d.payload);
  if (canonical === undefined) throw new Error('stored payload cannot be canonicalized');
  return { format: DOCUMENT_BUNDLE_FORMAT, code: d.code, kind: d.kind, document: { payload: Buffer.from(canonical).toString('base64url'), signatures: d.signatures as JwsSignature[] }, register: proof, token: d.qr_token };
}

/** The validity labels of every kind of document, the same on each (dates by `dateText`: one format per language). */
const VALID_FROM = { ar: 'صالح من', en: 'Valid from' };
const VALID_UNTIL = { ar: 'صالح حتى', en: 'Valid until' };

const ISSUER = { ar: 'وزارة العمل — جمهورية مصر العربية', en: 'Ministry of Labour — Arab Republic of Egypt' };

/** Field keys whose value is a quantity (a training certificate's score, e.g. «85٪»): Arabic-Indic digits on the Arabic side. */
const QUANTITY_FIELDS: ReadonlySet<string> = new Set(['score']);

/** A stored field's value as printed on the PDF: dates by `displayValue`, quantities in Arabic-Indic digits in Arabic. */
function pdfFieldValue(f: DocumentField): { ar: string; en: string } {
  const v = displayValue(f.value);
  return QUANTITY_FIELDS.has(f.key) ? { ar: arabicIndicDigits(v.ar), en: v.en } : v;
}

/** The holder's document as a bilingual PDF with its QR code. 404 `document_not_found`. */
export async function holderPdf(deps: Pick<VerifyDeps, 'db' | 'config'>, citizenId: string, code: string): Promise<Buffer> {
  const d = await holderDocument(deps, citizenId, code);
  const title = d.title ?? { ar: 'وثيقة', en: 'Document' };
  const signers = signersOf(d.signatures);
  const status = d.status === 'genuine' ? undefined : { text: { ar: d.status === 'revoked' ? 'هذه الوثيقة ملغاة (سُحبت)' : 'هذه الوثيقة لم تعد سارية', en: d.status === 'revoked' ? 'This document was revoked' : 'This document is no longer valid' }, tone: 'warning' as const };
  return renderDocumentPdf({
    title,
    issuer: ISSUER,
    verificationCode: d.code,
    qrPayload: verifyUrlOf(deps.config, d.code, d.qr_token),
    verifyInstructions: { ar: `امسح الرمز بكاميرا الهاتف أو أدخل الرمز ${d.code} في صفحة التحقق.`, en: `Scan the QR code with a phone camera or enter ${d.code} on the verification page.` },
    ...(status ? { status } : {}),
    sections: [
      {
        heading: { ar: 'البيانات', en: 'Details' },
        rows: [...((d.fields ?? []) as DocumentField[]).map((f) => ({ label: f.key === 'valid_from' ? VALID_FROM : f.label, value: pdfFieldValue(f) })), ...(d.valid_until ? [{ label: VALID_UNTIL, value: dateText(d.valid_until) }] : [])],
      },
    ],
    signatures: signers.map((s) => ({ by: ISSUER, keyId: s.kid, signedAt: new Date(d.issued_at).toISOString() })),
  });
}
