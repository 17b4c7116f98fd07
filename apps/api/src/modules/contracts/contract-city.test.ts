import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContractPayload, ContractTerms } from '@rabt/contracts';
import { canonicalBytes, contractFields } from './contract-document.ts';
import { contractPdfView } from './contract-pdf.ts';

/** A minimal valid contract payload for Saudi Arabia; `city` is the workplace city as the employer stored it. */
function payload(city: string): ContractPayload {
  const sar = (amountMinor: number) => ({ amountMinor, currency: 'SAR' });
  const terms: ContractTerms = {
    contractId: '0190f5d2-7a1e-7cc0-8d4e-3c2b1a000001',
    version: 1,
    supersedes: null,
    invitationId: '0190f5d2-7a1e-7cc0-8d4e-3c2b1a000002',
    jobOrderId: '0190f5d2-7a1e-7cc0-8d4e-3c2b1a000003',
    originCountry: 'EG',
    destinationCountry: 'SA',
    employer: { employerId: '0190f5d2-7a1e-7cc0-8d4e-3c2b1a000004', nameAr: 'شركة النور للمقاولات', nameEn: 'Al-Noor Contracting', establishmentNumber: '7001234567', city: 'Riyadh' },
    worker: { profileId: '0190f5d2-7a1e-7cc0-8d4e-3c2b1a000005', nameAr: 'محمود حسن علي', nameLatin: 'Mahmoud Hassan Ali', passportNumber: 'A12345678', birthDate: '1995-03-01' },
    isco: '7411',
    titleAr: 'كهربائي مبان',
    titleEn: 'Building electrician',
    workplaceCity: city,
    startDate: '2027-01-01',
    durationMonths: 24,
    probationDays: 90,
    wage: sar(260_000),
    allowances: { housing: null, transport: null, food: null },
    hoursPerWeek: 48,
    restDaysPerWeek: 1,
    annualLeaveDays: 21,
    annualTicket: true,
    endOfService: true,
    medicalInsurance: true,
    recruitmentCostsBorneByEmployer: true,
    workerCosts: [],
    agency: null,
    agencyFee: null,
    governingLaw: { ar: 'نظام العمل السعودي', en: 'Saudi Labour Law' },
    clauses: [],
    destinationReference: null,
  };
  return { type: 'rabt.employment-contract', specVersion: 1, salt: 'AAAAAAAAAAAAAAAAAAAAAA', terms };
}

const ctx = { code: 'EG-7K3M-9QXD-2HFA', verifyUrl: 'https://verify.example/v/EG-7K3M-9QXD-2HFA', countryName: { ar: 'السعودية', en: 'Saudi Arabia' }, occupation: { ar: 'كهربائيو المباني', en: 'Building electricians' }, digits: 2, signatures: [], status: 'genuine' as const };

function cityRow(p: ContractPayload) {
  const row = contractPdfView(p, ctx).sections.flatMap((s) => s.rows ?? []).find((r) => r.label.en === 'Country and city');
  assert.ok(row, 'the PDF has a country-and-city row');
  return row.value;
}

test('the contract PDF and /verify facts show a listed city in Arabic on the Arabic side, as signed on the English side', () => {
  const p = payload('Riyadh');
  const before = Buffer.from(canonicalBytes(p)).toString('utf8');
  assert.deepEqual(cityRow(p), { ar: 'السعودية — الرياض', en: 'Saudi Arabia — Riyadh' });
  assert.deepEqual(contractFields(p.terms).find((f) => f.key === 'workplace')?.value, { ar: 'SA — الرياض', en: 'SA — Riyadh' });
  // A presentation lookup: the signed bytes (and so the digest and the signatures) are untouched.
  assert.equal(Buffer.from(canonicalBytes(p)).toString('utf8'), before);
  assert.ok(!before.includes('الرياض'));
});

test('a city typed by the employer that is not in the list is shown as typed on both sides', () => {
  assert.deepEqual(cityRow(payload('Abraq An-Najd')), { ar: 'السعودية — Abraq An-Najd', en: 'Saudi Arabia — Abraq An-Najd' });
});
