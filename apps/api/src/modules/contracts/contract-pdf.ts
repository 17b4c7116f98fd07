/**
 * The concluded contract as a bilingual PDF (issue 4 §5): Arabic prevails and sits on the right, English
 * alongside; the QR code carries the verification URL with the offline token. Rendered on demand from
 * the issued document (same payload the signatures cover), so the PDF can never say something else.
 */
import type { ContractPayload, JwsSignature, Money } from '@rabt/contracts';
import { AppError } from '../../http/errors.ts';
import { renderDocumentPdf, type BilingualText, type DocumentPdfView } from '../../platform/pdf/document-pdf.ts';
import type { ContractOriginDeps } from './origin.service.ts';
import * as repo from './contracts.repository.ts';
import * as documents from '../documents/documents.repository.ts';
import { verifyUrlOf } from '../documents/issue.ts';
import { cityNameAr } from '../reference/cities.ts';

const yesNo = (b: boolean): BilingualText => (b ? { ar: 'نعم', en: 'Yes' } : { ar: 'لا', en: 'No' });

function money(m: Money | null, digits: number): BilingualText {
  if (!m) return { ar: '—', en: '—' };
  const scale = 10 ** digits;
  const whole = Math.floor(m.amountMinor / scale).toLocaleString('en-US');
  const text = digits > 0 ? `${whole}.${String(m.amountMinor % scale).padStart(digits, '0')} ${m.currency}` : `${whole} ${m.currency}`;
  return { ar: text, en: text };
}

const same = (s: string): BilingualText => ({ ar: s, en: s });

/** The PDF view of a contract payload (exported for tests and the sample renderer). */
export function contractPdfView(p: ContractPayload, ctx: { code: string; verifyUrl: string; countryName: BilingualText; occupation: BilingualText; digits: number; signatures: Array<{ country: string; kid: string; at: string }>; status: 'genuine' | 'cancelled' | 'superseded' | 'revoked' }): DocumentPdfView {
  const t = p.terms;
  const m = (x: Money | null) => money(x, ctx.digits);
  const days = (n: number): BilingualText => ({ ar: `${n} يومًا`, en: `${n} days` });
  const nameOf = (c: string): BilingualText => (c === 'EG' ? { ar: 'وزارة العمل — جمهورية مصر العربية', en: 'Ministry of Labour — Arab Republic of Egypt' } : c === t.destinationCountry ? { ar: `وزارة العمل — ${ctx.countryName.ar}`, en: `Ministry of Labour — ${ctx.countryName.en}` } : same(c));
  return {
    title: { ar: 'عقد عمل موثّق', en: 'Attested employment contract' },
    issuer: { ar: 'وزارة العمل — جمهورية مصر العربية، ووزارة العمل في بلد العمل', en: 'Ministry of Labour of Egypt, with the labour ministry of the destination' },
    subtitle: { ar: `العقد ${t.contractId.slice(0, 8)} — الإصدار ${t.version}`, en: `Contract ${t.contractId.slice(0, 8)} — version ${t.version}` },
    verificationCode: ctx.code,
    qrPayload: ctx.verifyUrl,
    verifyInstructions: {
      ar: `امسح الرمز بكاميرا الهاتف أو أدخل الرمز ${ctx.code} في صفحة التحقق. أي تغيير في حرف واحد من العقد يُفشل التحقق.`,
      en: `Scan the QR code with a phone camera or enter ${ctx.code} on the verification page. Changing a single character of the contract makes the check fail.`,
    },
    ...(ctx.status === 'genuine' ? {} : { status: { text: ctx.status === 'cancelled' || ctx.status === 'revoked' ? { ar: 'هذا العقد ملغى', en: 'This contract is cancelled' } : { ar: 'حلّ محل هذا العقد إصدار أحدث', en: 'This contract was superseded by a newer version' }, tone: 'warning' as const } }),
    notice: { ar: 'النص العربي هو المعتمد عند الاختلاف.', en: 'The Arabic text prevails in case of difference.' },
    sections: [
      {
        heading: { ar: 'الطرفان', en: 'Parties' },
        rows: [
          { label: { ar: 'صاحب العمل', en: 'Employer' }, value: { ar: t.employer.nameAr, en: t.employer.nameEn || t.employer.nameAr } },
          { label: { ar: 'رقم المنشأة', en: 'Establishment number' }, value: same(t.employer.establishmentNumber) },
          { label: { ar: 'العامل', en: 'Worker' }, value: { ar: t.worker.nameAr, en: t.worker.nameLatin || t.worker.nameAr } },
          { label: { ar: 'رقم جواز السفر', en: 'Passport number' }, value: same(t.worker.passportNumber ?? '—') },
          ...(t.agency ? [{ label: { ar: 'شركة الإلحاق المرخّصة', en: 'Licensed agency' }, value: { ar: `${t.agency.nameAr} (${t.agency.licenceNumber})`, en: t.agency.licenceNumber } }] : []),
        ],
      },
      {
        heading: { ar: 'العمل', en: 'Work' },
        rows: [
          { label: { ar: 'المهنة (ISCO-08)', en: 'Occupation (ISCO-08)' }, value: { ar: `${t.isco} — ${ctx.occupation.ar}`, en: `${t.isco} — ${ctx.occupation.en}` } },
          { label: { ar: 'المسمى الوظيفي', en: 'Job title' }, value: { ar: t.titleAr, en: t.titleEn || t.titleAr } },
          { label: { ar: 'بلد العمل ومدينته', en: 'Country and city' }, value: { ar: `${ctx.countryName.ar} — ${cityNameAr(t.destinationCountry, t.workplaceCity) ?? t.workplaceCity}`, en: `${ctx.countryName.en} — ${t.workplaceCity}` } },
          { label: { ar: 'تاريخ البدء', en: 'Start date' }, value: same(t.startDate) },
          { label: { ar: 'مدة العقد', en: 'Duration' }, value: { ar: `${t.durationMonths} شهرًا`, en: `${t.durationMonths} months` } },
          { label: { ar: 'فترة التجربة', en: 'Probation' }, value: days(t.probationDays) },
          { label: { ar: 'ساعات العمل الأسبوعية', en: 'Hours per week' }, value: same(String(t.hoursPerWeek)) },
          { label: { ar: 'أيام الراحة الأسبوعية', en: 'Rest days per week' }, value: same(String(t.restDaysPerWeek)) },
          { label: { ar: 'الإجازة السنوية', en: 'Annual leave' }, value: days(t.annualLeaveDays) },
        ],
      },
      {
        heading: { ar: 'الأجر والمزايا', en: 'Pay and benefits' },
        rows: [
          { label: { ar: 'الأجر الأساسي الشهري', en: 'Basic monthly wage' }, value: m(t.wage) },
          { label: { ar: 'بدل السكن', en: 'Housing allowance' }, value: m(t.allowances.housing) },
          { label: { ar: 'بدل النقل', en: 'Transport allowance' }, value: m(t.allowances.transport) },
          { label: { ar: 'بدل الطعام', en: 'Food allowance' }, value: m(t.allowances.food) },
          { label: { ar: 'تذكرة سفر سنوية', en: 'Annual ticket' }, value: yesNo(t.annualTicket) },
          { label: { ar: 'مكافأة نهاية الخدمة', en: 'End-of-service benefit' }, value: yesNo(t.endOfService) },
          { label: { ar: 'تأمين طبي', en: 'Medical insurance' }, value: yesNo(t.medicalInsurance) },
          { label: { ar: 'تكاليف الاستقدام على صاحب العمل', en: 'Recruitment costs borne by the employer' }, value: yesNo(t.recruitmentCostsBorneByEmployer) },
          { label: { ar: 'رسوم يدفعها العامل', en: 'Fees paid by the worker' }, value: t.workerCosts.length ? same(t.workerCosts.map((c) => `${c.item}: ${m(c.amount).en}`).join('; ')) : { ar: 'لا شيء', en: 'None' } },
        ],
      },
      {
        heading: { ar: 'القانون الواجب التطبيق والبنود', en: 'Governing law and clauses' },
        rows: [{ label: { ar: 'القانون', en: 'Law' }, value: t.governingLaw }],
        clauses: t.clauses,
      },
    ],
    signatures: ctx.signatures.map((s) => ({ by: nameOf(s.country), keyId: s.kid, signedAt: s.at })),
  };
}

/** Renders the worker's concluded contract. 404 `contract_not_found`, 409 `contract_not_concluded`. */
export async function contractPdf(deps: ContractOriginDeps, citizenId: string, id: string, version: number): Promise<{ code: string; pdf: Buffer }> {
  const r = await repo.findReceived(deps.db, id, version);
  if (!r || r.citizen_id !== citizenId || r.offered_at === null) throw new AppError('contract_not_found');
  const issued = await documents.findIssuedFor(deps.db, 'contract', id, version);
  if (!issued) throw new AppError('contract_not_concluded');
  const p = issued.payload as unknown as ContractPayload;
  const [country, occ] = await Promise.all([
    deps.db.selectFrom('countries').select(['name_ar', 'name_en', 'currency_minor_units']).where('iso2', '=', p.terms.destinationCountry).executeTakeFirst(),
    deps.db.selectFrom('occupations').select(['title_ar', 'title_en']).where('code', '=', p.terms.isco).executeTakeFirst(),
  ]);
  const sigs = (issued.signatures as JwsSignature[]).map((s) => JSON.parse(Buffer.from(s.protected, 'base64url').toString('utf8')) as { iss: string; kid: string; iat?: number });
  const issuedAt = new Date(issued.issued_at).toISOString();
  const view = contractPdfView(p, {
    code: issued.code,
    verifyUrl: verifyUrlOf(deps.config, issued.code, issued.qr_token),
    countryName: { ar: country?.name_ar ?? p.terms.destinationCountry, en: country?.name_en ?? p.terms.destinationCountry },
    occupation: { ar: occ?.title_ar ?? '', en: occ?.title_en ?? '' },
    digits: country?.currency_minor_units ?? 2,
    signatures: sigs.map((s) => ({ country: s.iss, kid: s.kid, at: typeof s.iat === 'number' ? new Date(s.iat * 1000).toISOString() : issuedAt })),
    status: issued.status,
  });
  return { code: issued.code, pdf: await renderDocumentPdf(view) };
}
