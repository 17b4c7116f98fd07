/**
 * The signed-document format of a contract (issue 4 §4), built the same way on both nodes:
 * - payload: ContractPayload; its RFC 8785 canonical JSON (UTF-8) is the JWS payload both nodes sign;
 * - digest: base64url SHA-256 of those bytes — what the register, the QR token and amendments refer to;
 * - register leaf data: `rabt-document/v1\n<kind>\n<digest>\n` (ASCII): no personal data, and the salt inside
 *   the payload makes the digest unguessable from the terms alone (reliability-anchors §2);
 * - verification code: issuing country + 60 random bits in Crockford base32 (`EG-7K3M-9QXD-2HFA`);
 * - QR token: a compact JWS by the issuing node over the code, the digest, the register position and the
 *   key terms with masked names, checked offline against the node's cached JWKS.
 */
import { createHash, randomBytes } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { ContractPayload, ContractTerms, JwsSignature } from '@rabt/contracts';
import { DOCUMENT_TOKEN_TYP, documentLeafData, type DocumentTokenClaims } from '@rabt/trust';

export const CONTRACT_JWS_TYP = 'rabt-contract+jws';
export { DOCUMENT_TOKEN_TYP };

/** RFC 8785 canonical JSON bytes of the payload. */
export function canonicalBytes(payload: ContractPayload): Uint8Array {
  const text = canonicalize(payload);
  if (text === undefined) throw new Error('payload cannot be canonicalized');
  return new TextEncoder().encode(text);
}

export function digestOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64url');
}

/** A fresh 128-bit salt (base64url, 22 characters). */
export function newSalt(): string {
  return randomBytes(16).toString('base64url');
}

export function contractLeafData(digest: string): Uint8Array {
  return documentLeafData('contract', digest);
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** A new verification code for `country` (60 random bits). */
export function newVerificationCode(country: string): string {
  const bytes = randomBytes(8);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let chars = '';
  for (let i = 0; i < 12; i++) chars += CROCKFORD[Number((bits >> BigInt(5 * i)) & 31n)];
  return `${country}-${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

/** "محمود حسن علي" → "محمود ح. ع."; "Mahmoud Hassan Ali" → "Mahmoud H. A.": enough to match a paper, not to identify. */
export function maskName(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length <= 1) return parts[0] ?? '';
  return [parts[0], ...parts.slice(1).map((p) => `${[...p][0]}.`)].join(' ');
}

/** Key terms carried in the QR token and shown by /verify (masked names, no passport, no national ID). */
export function tokenClaims(code: string, digest: string, payload: ContractPayload, register: { origin: string; index: number }, issuedAt: Date): DocumentTokenClaims {
  const t: ContractTerms = payload.terms;
  return {
    v: 1,
    code,
    kind: 'contract',
    digest,
    iss: t.originCountry,
    iat: Math.floor(issuedAt.getTime() / 1000),
    register,
    terms: {
      workerName: { ar: maskName(t.worker.nameAr), en: maskName(t.worker.nameLatin) },
      employerName: { ar: t.employer.nameAr, en: t.employer.nameEn },
      establishmentNumber: t.employer.establishmentNumber,
      country: t.destinationCountry,
      isco: t.isco,
      title: { ar: t.titleAr, en: t.titleEn },
      workplaceCity: t.workplaceCity,
      startDate: t.startDate,
      durationMonths: t.durationMonths,
      wage: t.wage,
      version: t.version,
    },
  };
}

/** The General JWS (RFC 7515 §7.2.1) of a concluded contract: one payload, the partner's and the origin's signatures. */
export function generalJws(bytes: Uint8Array, signatures: JwsSignature[]): { payload: string; signatures: JwsSignature[] } {
  return { payload: Buffer.from(bytes).toString('base64url'), signatures };
}
