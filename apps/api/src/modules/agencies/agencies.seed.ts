import { randomUUID } from 'node:crypto';
import type { AgencyLegalForm, AgencyScope, AgencyStatus } from '@rabt/contracts';
import { appendAudit } from '../../platform/audit/audit.ts';
import * as repo from './agencies.repository.ts';
import { agencySearchText, type AgencyDeps } from './agencies.service.ts';

interface DemoAgency {
  licenceNumber: string;
  nameAr: string;
  nameEn: string;
  legalForm: AgencyLegalForm;
  scope: AgencyScope;
  capitalEgp: number;
  governorateCode: string;
  addressAr: string;
  phone: string;
  /** Days before the seeding date the licence was issued, and its length in days (negative expiry = expired). */
  issuedDaysAgo: number;
  validDays: number;
  status: AgencyStatus;
  reason: string | null;
}

/**
 * SYNTHETIC agencies for the demo registry: every name says «بيانات تجريبية» / "demo data", the licence
 * numbers use the 9xxx series that real licences do not, phones are in the reserved 0100000xxxx range,
 * and every row is marked `is_demo`. Mixed statuses: valid, suspended, revoked, and one expired licence.
 */
export const DEMO_AGENCIES: readonly DemoAgency[] = [
  { licenceNumber: 'RA-2025-9001', nameAr: 'وكالة النيل للتوظيف (بيانات تجريبية)', nameEn: 'Nile Employment Agency (demo data)', legalForm: 'llc', scope: 'abroad', capitalEgp: 750_000, governorateCode: '01', addressAr: '١٢ شارع التحرير، الدقي (عنوان تجريبي)', phone: '01000000901', issuedDaysAgo: 400, validDays: 1095, status: 'valid', reason: null },
  { licenceNumber: 'RA-2025-9002', nameAr: 'شركة الأهرام لإلحاق العمالة بالخارج (بيانات تجريبية)', nameEn: 'Al-Ahram Overseas Placement Co. (demo data)', legalForm: 'jsc', scope: 'both', capitalEgp: 1_200_000, governorateCode: '21', addressAr: '٤ ميدان الجيزة (عنوان تجريبي)', phone: '01000000902', issuedDaysAgo: 200, validDays: 1095, status: 'valid', reason: null },
  { licenceNumber: 'RA-2025-9003', nameAr: 'مؤسسة الدلتا للتشغيل (بيانات تجريبية)', nameEn: 'Delta Placement Company (demo data)', legalForm: 'one_person_company', scope: 'domestic', capitalEgp: 300_000, governorateCode: '16', addressAr: '٧ شارع البحر، طنطا (عنوان تجريبي)', phone: '01000000903', issuedDaysAgo: 500, validDays: 1095, status: 'valid', reason: null },
  { licenceNumber: 'RA-2025-9004', nameAr: 'شركة الإسكندرية للموارد البشرية (بيانات تجريبية)', nameEn: 'Alexandria Human Resources Co. (demo data)', legalForm: 'partnership_limited_by_shares', scope: 'abroad', capitalEgp: 500_000, governorateCode: '02', addressAr: '٢٠ طريق الحرية (عنوان تجريبي)', phone: '01000000904', issuedDaysAgo: 300, validDays: 1095, status: 'suspended', reason: 'إيقاف تجريبي: شكاوى من تحصيل رسوم من العمال (المادة ٤٣) — بيانات تجريبية' },
  { licenceNumber: 'RA-2024-9005', nameAr: 'وكالة الصعيد للتوظيف (بيانات تجريبية)', nameEn: 'Upper Egypt Employment Agency (demo data)', legalForm: 'llc', scope: 'abroad', capitalEgp: 600_000, governorateCode: '25', addressAr: '٣ شارع الجمهورية، أسيوط (عنوان تجريبي)', phone: '01000000905', issuedDaysAgo: 700, validDays: 1095, status: 'revoked', reason: 'إلغاء تجريبي: تسفير عمال بعقود غير مصدق عليها — بيانات تجريبية' },
  { licenceNumber: 'RA-2025-9006', nameAr: 'شركة القناة لإلحاق العمالة (بيانات تجريبية)', nameEn: 'Canal Labour Placement Co. (demo data)', legalForm: 'jsc', scope: 'abroad', capitalEgp: 900_000, governorateCode: '19', addressAr: '٩ شارع محمد علي، الإسماعيلية (عنوان تجريبي)', phone: '01000000906', issuedDaysAgo: 150, validDays: 1095, status: 'suspended', reason: 'إيقاف تجريبي لحين استكمال خطاب الضمان — بيانات تجريبية' },
  { licenceNumber: 'RA-2022-9007', nameAr: 'شركة سيناء للتشغيل (بيانات تجريبية)', nameEn: 'Sinai Placement Co. (demo data)', legalForm: 'llc', scope: 'domestic', capitalEgp: 250_000, governorateCode: '35', addressAr: 'طريق السلام، الطور (عنوان تجريبي)', phone: '01000000907', issuedDaysAgo: 1200, validDays: 1095, status: 'valid', reason: null },
];

const DAY = 86_400_000;
const dateOnly = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * Loads the demo agencies on the Egyptian node when demo data is seeded (`config.seedDemoData`; off in
 * tests unless a test calls this). Idempotent: licences that exist are skipped. Each licence and status
 * decision is audited as the system with `demo: true`.
 */
export async function seedDemoAgencies(deps: Pick<AgencyDeps, 'db' | 'clock'>): Promise<{ created: number }> {
  const now = deps.clock();
  let created = 0;
  await deps.db.transaction().execute(async (trx) => {
    for (const a of DEMO_AGENCIES) {
      if (await repo.findAgencyByLicence(trx, a.licenceNumber)) continue;
      const id = randomUUID();
      const issued = now.getTime() - a.issuedDaysAgo * DAY;
      const changedAt = new Date(now.getTime() - Math.floor(a.issuedDaysAgo / 3) * DAY);
      await repo.insertAgency(trx, {
        id,
        licence_number: a.licenceNumber,
        name_ar: a.nameAr,
        name_en: a.nameEn,
        search_text: agencySearchText(a),
        legal_form: a.legalForm,
        scope: a.scope,
        paid_in_capital_piastres: a.capitalEgp * 100,
        governorate_code: a.governorateCode,
        address: a.addressAr,
        phone: a.phone,
        licence_issued_on: dateOnly(issued),
        licence_expires_on: dateOnly(issued + a.validDays * DAY),
        status: a.status,
        status_reason: a.reason,
        status_changed_at: a.status === 'valid' ? new Date(issued) : changedAt,
        is_demo: true,
        created_by: null,
        created_at: now,
        updated_at: now,
      });
      await repo.insertStatusChange(trx, { id: randomUUID(), agencyId: id, from: null, to: 'valid', reason: 'licence registered (demo data)', by: null, at: new Date(issued) });
      if (a.status !== 'valid') await repo.insertStatusChange(trx, { id: randomUUID(), agencyId: id, from: 'valid', to: a.status, reason: a.reason ?? '', by: null, at: changedAt });
      await appendAudit(trx, { kind: 'system' }, { action: 'agency.created', subjectType: 'agency', subjectId: a.licenceNumber, details: { demo: true, status: a.status } }, now);
      created++;
    }
  });
  return { created };
}
