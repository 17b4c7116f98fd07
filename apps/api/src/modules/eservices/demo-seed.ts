import type { Kysely } from 'kysely';
import { v5 as uuidv5 } from 'uuid';
import type { DB } from '../../platform/db/schema.ts';
import { CRAFTS } from './service-config.ts';
import { cairoDay, cairoTime } from '../../platform/clock.ts';

/** Namespace of the demo testing centres' and sessions' ids (UUID v5, RFC 9562 §5.5). */
const NAMESPACE = '0b7f9a52-8f1e-4b3c-9a57-736b696c6c73';

/**
 * Demo skill-testing centres (issue 5 §3): plausible names but demo data only (`demo = true`, "(تجريبي)"),
 * seeded in demo mode beside the demo staff. Not real testing bodies: those are set by the minister.
 */
export const DEMO_TESTING_CENTRES = [
  { code: 'DEMO-STC-CAIRO', nameAr: 'مركز قياس المهارات بمدينة نصر (تجريبي)', nameEn: 'Nasr City Skill Testing Centre (demo)', governorate: '01', addressAr: 'شارع مصطفى النحاس، مدينة نصر، القاهرة', addressEn: 'Mostafa El Nahas St, Nasr City, Cairo' },
  { code: 'DEMO-STC-GIZA', nameAr: 'مركز قياس المهارات بالجيزة (تجريبي)', nameEn: 'Giza Skill Testing Centre (demo)', governorate: '21', addressAr: 'شارع الهرم، الجيزة', addressEn: 'Al Haram St, Giza' },
  { code: 'DEMO-STC-ALEX', nameAr: 'مركز قياس المهارات بالإسكندرية (تجريبي)', nameEn: 'Alexandria Skill Testing Centre (demo)', governorate: '02', addressAr: 'طريق الحرية، الإسكندرية', addressEn: 'El Horreya Rd, Alexandria' },
] as const;

/** Days from today of the demo sessions kept available (today's lets an examiner enter results at once). */
const SESSION_OFFSETS = [0, 7, 14, 28];
const DEMO_ISCO = [...new Set([...CRAFTS.crafts.map((c) => c.isco), '7411', '7421', '5120', '8322'])];

/**
 * A start later on today's Cairo date for the demo session of the day: the next full hour after an hour
 * from now, at least 09:00 and at most 23:59 (so a demo can book it and enter results the same day).
 */
function laterToday(now: Date): string {
  const [h, m] = cairoTime(now).split(':').map(Number) as [number, number];
  const next = h + 1 + (m > 0 ? 1 : 0);
  if (next >= 24) return '23:59';
  return `${String(Math.max(9, next)).padStart(2, '0')}:00`;
}

export const demoTestingCentreId = (code: string) => uuidv5(`testing-centre:${code}`, NAMESPACE);

/** Creates the demo centres once and keeps dated sessions ahead of `now` (idempotent: ids are UUID v5 of centre and date). */
export async function seedDemoTestingCentres(db: Kysely<DB>, now: Date): Promise<void> {
  await db
    .insertInto('skill_testing_centres')
    .values(DEMO_TESTING_CENTRES.map((c) => ({ id: demoTestingCentreId(c.code), code: c.code, name_ar: c.nameAr, name_en: c.nameEn, governorate_code: c.governorate, address_ar: c.addressAr, address_en: c.addressEn, demo: true, created_at: now })))
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  const rows = [];
  for (const c of DEMO_TESTING_CENTRES) {
    for (const days of SESSION_OFFSETS) {
      // Dates and times are Cairo's; today's session starts later today (still bookable), the others at 09:00.
      const date = cairoDay(new Date(now.getTime() + days * 86_400_000));
      rows.push({ id: uuidv5(`session:${c.code}:${date}`, NAMESPACE), centre_id: demoTestingCentreId(c.code), session_date: date, start_time: days === 0 ? laterToday(now) : '09:00', capacity: 20, isco_codes: DEMO_ISCO, created_at: now });
    }
  }
  await db.insertInto('skill_test_sessions').values(rows).onConflict((oc) => oc.column('id').doNothing()).execute();
}
