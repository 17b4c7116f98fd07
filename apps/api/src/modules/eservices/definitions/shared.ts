import { toArabicDigits, type FieldError, type FeeQuote } from '@rabt/contracts';
import { fieldError } from '../../../http/errors.ts';
import type { Bilingual, DocumentDef, FeeExemption, RuleContext } from '../definitions.ts';
import { FEES } from '../service-config.ts';

/** Helpers shared by the skill-certificate, craft-licence and work-permit definitions. */

export const IMAGES_OR_PDF = ['image/jpeg', 'image/png', 'application/pdf'];
const MB = 1024 * 1024;

export { toArabicDigits };

/** A value shown the same in both languages, with Arabic-Indic digits on the Arabic side. */
export const digits = (s: string | number): Bilingual => ({ ar: toArabicDigits(String(s)), en: String(s) });
export const same = (s: string): Bilingual => ({ ar: s, en: s });

/**
 * Fee exemptions of Decree 266/2025 (skill certificate) and of craft-licence practice: persons with
 * disabilities and families (children) of martyrs. Claimed by declaring the proof document.
 */
export const EXEMPTIONS: FeeExemption[] = [
  { code: 'disability', label: { ar: 'الأشخاص ذوو الإعاقة', en: 'Persons with disabilities' }, requiredDocument: FEES.exemptions.codes.disability },
  { code: 'martyr_family', label: { ar: 'أسر (أبناء) الشهداء', en: 'Families (children) of martyrs' }, requiredDocument: FEES.exemptions.codes.martyr_family },
];

/** The proof documents of the exemptions: optional in general, required when the exemption is claimed. */
export const EXEMPTION_DOCUMENTS: DocumentDef[] = [
  { type: FEES.exemptions.codes.disability, label: { ar: 'شهادة إثبات الإعاقة (بطاقة الخدمات المتكاملة)', en: 'Proof of disability (integrated services card)' }, acceptedMimeTypes: IMAGES_OR_PDF, maxBytes: 5 * MB, required: false },
  { type: FEES.exemptions.codes.martyr_family, label: { ar: 'شهادة إثبات صلة القرابة بشهيد', en: 'Certificate of kinship to a martyr' }, acceptedMimeTypes: IMAGES_OR_PDF, maxBytes: 5 * MB, required: false },
];

export const NATIONAL_ID_COPY: DocumentDef = { type: 'national_id_copy', label: { ar: 'صورة بطاقة الرقم القومي', en: 'Copy of the national ID card' }, acceptedMimeTypes: IMAGES_OR_PDF, maxBytes: 5 * MB, required: true };
export const PHOTO: DocumentDef = { type: 'photo', label: { ar: 'صورة شخصية حديثة', en: 'Recent personal photo' }, acceptedMimeTypes: ['image/jpeg', 'image/png'], maxBytes: 2 * MB, required: true };

const AR_EGP = new Intl.NumberFormat('ar-EG', { maximumFractionDigits: 2 });
const EN_EGP = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

/**
 * An amount of Egyptian pounds as the e-services texts write it, the same format as the web's `moneyText`
 * (apps/web/src/pages/eservices/common.tsx): grouped digits, Arabic-Indic in Arabic (Intl ar-EG) —
 * `egpAmount(5000)` = `{ ar: '٥٬٠٠٠', en: '5,000' }`. Only the number: the texts place «جنيه» / "EGP" themselves.
 */
export function egpAmount(amountEgp: number): Bilingual {
  return { ar: AR_EGP.format(amountEgp), en: EN_EGP.format(amountEgp) };
}

/** `egpAmount` with the currency: `{ ar: '٥٬٠٠٠ جنيه', en: 'EGP 5,000' }`. */
export function egpText(amountEgp: number): Bilingual {
  const n = egpAmount(amountEgp);
  return { ar: `${n.ar} جنيه`, en: `EGP ${n.en}` };
}

/** A fee quote in piastres from an amount in EGP, zero when an exemption is claimed. */
export function quote(amountEgp: number, exemption: string | null, what: Bilingual): FeeQuote {
  const ex = exemption ? EXEMPTIONS.find((e) => e.code === exemption) : undefined;
  if (ex) return { amountPiastres: 0, exemption: { code: ex.code, label: ex.label }, explanation: { ar: `${what.ar}: معفى (${ex.label.ar}).`, en: `${what.en}: exempt (${ex.label.en}).` } };
  return { amountPiastres: amountEgp * 100, exemption: null, explanation: { ar: `${what.ar}: ${egpText(amountEgp).ar}.`, en: `${what.en}: ${egpText(amountEgp).en}.` } };
}

/** 400 at `/answers/<key>` unless the code is an ISCO-08 unit group (level 4) in the reference table. */
export async function checkIsco(ctx: RuleContext, key: string, value: unknown): Promise<FieldError[]> {
  const isco = typeof value === 'string' ? value : '';
  const row = await ctx.db.selectFrom('occupations').select('code').where('code', '=', isco).where('level', '=', 4).executeTakeFirst();
  return row ? [] : [fieldError(`/answers/${key}`, 'isco_unknown')];
}

export async function occupationTitle(ctx: Pick<RuleContext, 'db'>, isco: string): Promise<Bilingual> {
  const o = await ctx.db.selectFrom('occupations').select(['title_ar', 'title_en']).where('code', '=', isco).executeTakeFirst();
  return o ? { ar: `${o.title_ar} (${toArabicDigits(isco)})`, en: `${o.title_en} (ISCO-08 ${isco})` } : same(isco);
}
