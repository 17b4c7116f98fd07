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
import { digestOf, maskName, newSalt, newVerificationCode } from '../documents/document-basics.ts';
import canonicalize from 'canonicalize';
import type { ContractPayload, ContractTerms, JwsSignature } from '@rabt/contracts';
import { DOCUMENT_TOKEN_TYP, documentLeafData, type DocumentTokenClaims } from '@rabt/trust';
import { cityNameAr } from '../reference/cities.ts';

export const CONTRACT_JWS_TYP = 'rabt-contract+jws';
export { digestOf, maskName, newSalt, newVerificationCode };
export { DOCUMENT_TOKEN_TYP };

/** RFC 8785 canonical JSON bytes of the payload. */
export function canonicalBytes(payload: ContractPayload): Uint8Array {
  const text = canonicalize(payload);
  if (text === undefined) throw new Error('payload cannot be canonicalized');
  return new TextEncoder().encode(text);
}

export function contractLeafData(digest: string): Uint8Array {
  return documentLeafData('contract', digest);
}

/** Key terms carried in the QR token and shown by /verify (masked names, no passport, no national ID). The QR stays small: no title or field list, the terms say it all. */
export function tokenClaims(code: string, digest: string, payload: ContractPayload, register: { origin: string; index: number }, issuedAt: Date): DocumentTokenClaims & { terms: NonNullable<DocumentTokenClaims['terms']> } {
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

/** The key facts of a contract as /verify lists them for every kind of document (names masked). */
export const CONTRACT_TITLE = { ar: 'عقد عمل موثّق', en: 'Attested employment contract' };

export function contractFields(t: ContractTerms): Array<{ key: string; label: { ar: string; en: string }; value: { ar: string; en: string } }> {
  const same = (v: string) => ({ ar: v, en: v });
  return [
    { key: 'holder', label: { ar: 'العامل', en: 'Worker' }, value: { ar: maskName(t.worker.nameAr), en: maskName(t.worker.nameLatin) } },
    { key: 'employer', label: { ar: 'صاحب العمل', en: 'Employer' }, value: { ar: t.employer.nameAr, en: t.employer.nameEn || t.employer.nameAr } },
    { key: 'establishmentNumber', label: { ar: 'رقم المنشأة', en: 'Establishment number' }, value: same(t.employer.establishmentNumber) },
    { key: 'occupation', label: { ar: 'المهنة', en: 'Occupation' }, value: { ar: `${t.isco} — ${t.titleAr}`, en: `${t.isco} — ${t.titleEn || t.titleAr}` } },
    { key: 'workplace', label: { ar: 'مكان العمل', en: 'Workplace' }, value: { ar: `${t.destinationCountry} — ${cityNameAr(t.destinationCountry, t.workplaceCity) ?? t.workplaceCity}`, en: `${t.destinationCountry} — ${t.workplaceCity}` } },
    { key: 'startDate', label: { ar: 'تاريخ البدء', en: 'Start date' }, value: same(t.startDate) },
    { key: 'duration', label: { ar: 'المدة', en: 'Duration' }, value: { ar: `${t.durationMonths} شهرًا`, en: `${t.durationMonths} months` } },
    { key: 'version', label: { ar: 'الإصدار', en: 'Version' }, value: same(String(t.version)) },
  ];
}

/** The General JWS (RFC 7515 §7.2.1) of a concluded contract: one payload, the partner's and the origin's signatures. */
export function generalJws(bytes: Uint8Array, signatures: JwsSignature[]): { payload: string; signatures: JwsSignature[] } {
  return { payload: Buffer.from(bytes).toString('base64url'), signatures };
}
