import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import { v5 as uuidv5 } from 'uuid';
import type { DB } from './schema.ts';
import { appendAudit } from '../audit/audit.ts';
import { hashPassword } from '../auth/passwords.ts';
import { newTotpSecret } from '../../modules/staff/totp.ts';
import { REFERENCE_DIR } from '../paths.ts';

/** Namespace for deterministic ids of seeded offices (UUID v5, RFC 9562 §5.5). */
const OFFICE_NAMESPACE = '6f6e3c3e-5b0c-4b6f-9d8e-7261627400a1';

export const DEMO_STAFF_DOMAIN = 'demo.rabt.local';
/** The password of every demo staff account (README); their authenticator codes are on /dev/outbox. */
export const DEMO_STAFF_PASSWORD = 'Rabt-demo-2026!';

function readCsv<T>(file: string): T[] {
  return parse<T>(readFileSync(join(REFERENCE_DIR, file), 'utf8'), { columns: true, skip_empty_lines: true, trim: true, bom: true });
}

export function seedOfficeId(code: string): string {
  return uuidv5(code, OFFICE_NAMESPACE);
}

/**
 * Loads reference data (governorates, Arab League countries, ISCO-08 groups with Arabic titles and
 * alternative labels) and
 * the office network (27 directorates, at least one labour office per governorate, named by its seat).
 * Idempotent: reference rows are upserted; offices are inserted once by code so HQ edits survive restarts.
 */
export async function seedReferenceData(db: Kysely<DB>): Promise<void> {
  const governorates = readCsv<{ nid_code: string; name_en: string; name_ar: string; is_governorate: string }>('egypt_governorates_nid.csv');
  const countries = readCsv<{ iso2: string; iso3: string; name_en: string; name_ar: string; currency: string; currency_minor_units: string; dialling_code: string }>('arab_countries.csv');
  const occupations = readCsv<{ code: string; level: string; parent_code: string; title_en: string; title_ar: string; esco_uri: string }>('isco08_groups.csv');
  const offices = readCsv<{ code: string; governorate_code: string; seat_ar: string; seat_en: string }>('labour_offices.csv');
  const aliases = readCsv<{ isco: string; label: string; lang: 'ar' | 'en'; source: string }>('occupation_aliases.csv');

  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('governorates')
      .values(governorates.map((g) => ({ code: g.nid_code, name_ar: g.name_ar, name_en: g.name_en, is_governorate: g.is_governorate === 'true' })))
      .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({ name_ar: eb.ref('excluded.name_ar'), name_en: eb.ref('excluded.name_en'), is_governorate: eb.ref('excluded.is_governorate') })))
      .execute();
    await trx
      .insertInto('countries')
      .values(countries.map((c) => ({ iso2: c.iso2, iso3: c.iso3, name_ar: c.name_ar, name_en: c.name_en, currency: c.currency, currency_minor_units: Number(c.currency_minor_units), dialling_code: c.dialling_code })))
      .onConflict((oc) =>
        oc.column('iso2').doUpdateSet((eb) => ({
          iso3: eb.ref('excluded.iso3'),
          name_ar: eb.ref('excluded.name_ar'),
          name_en: eb.ref('excluded.name_en'),
          currency: eb.ref('excluded.currency'),
          currency_minor_units: eb.ref('excluded.currency_minor_units'),
          dialling_code: eb.ref('excluded.dialling_code'),
        })),
      )
      .execute();
    // Parents first (rows are sorted by code, and a parent's code is a prefix of its children's).
    await trx
      .insertInto('occupations')
      .values(occupations.map((o) => ({ code: o.code, level: Number(o.level), parent_code: o.parent_code || null, title_en: o.title_en, title_ar: o.title_ar, esco_uri: o.esco_uri })))
      .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({ title_en: eb.ref('excluded.title_en'), title_ar: eb.ref('excluded.title_ar'), esco_uri: eb.ref('excluded.esco_uri') })))
      .execute();
    await trx
      .insertInto('occupation_aliases')
      .values(aliases)
      .onConflict((oc) => oc.columns(['isco', 'label']).doUpdateSet((eb) => ({ lang: eb.ref('excluded.lang'), source: eb.ref('excluded.source') })))
      .execute();
    await trx
      .insertInto('directorates')
      .values(
        governorates
          .filter((g) => g.is_governorate === 'true')
          .map((g) => ({ governorate_code: g.nid_code, name_ar: `مديرية العمل بمحافظة ${g.name_ar}`, name_en: `${g.name_en} Labour Directorate` })),
      )
      .onConflict((oc) => oc.column('governorate_code').doNothing())
      .execute();
    await trx
      .insertInto('offices')
      .values(
        offices.map((o) => ({
          id: seedOfficeId(o.code),
          code: o.code,
          directorate_code: o.governorate_code,
          name_ar: `مكتب عمل ${o.seat_ar}`,
          name_en: `${o.seat_en} Labour Office`,
          seat_ar: o.seat_ar,
          seat_en: o.seat_en,
        })),
      )
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
  });
}

const DEMO_STAFF = [
  { local: 'hq.admin', role: 'hq_admin', nameAr: 'سلمى عبد الرحمن', nameEn: 'Salma Abdelrahman', office: null, directorate: null },
  { local: 'auditor', role: 'auditor', nameAr: 'حسام الدين فؤاد', nameEn: 'Hossam Eldin Fouad', office: null, directorate: null },
  { local: 'cairo.manager', role: 'directorate_manager', nameAr: 'منى إبراهيم', nameEn: 'Mona Ibrahim', office: null, directorate: '01' },
  { local: 'nasr.head', role: 'office_head', nameAr: 'أحمد السيد', nameEn: 'Ahmed Elsayed', office: 'CAI-NASR', directorate: null },
  { local: 'nasr.clerk', role: 'clerk', nameAr: 'ياسمين محمود', nameEn: 'Yasmin Mahmoud', office: 'CAI-NASR', directorate: null },
  { local: 'giza.clerk', role: 'clerk', nameAr: 'كريم عادل', nameEn: 'Karim Adel', office: 'GIZ-GIZA', directorate: null },
  { local: 'overseas.officer', role: 'overseas_officer', nameAr: 'نادية فاروق', nameEn: 'Nadia Farouk', office: null, directorate: null },
  { local: 'overseas.officer2', role: 'overseas_officer', nameAr: 'طارق سليمان', nameEn: 'Tarek Soliman', office: null, directorate: null },
  { local: 'trainer', role: 'trainer', nameAr: 'عمرو الشناوي', nameEn: 'Amr Elshenawy', office: null, directorate: null, centre: 'DEMO-VTC-SHUBRA' },
  { local: 'centre.manager', role: 'training_centre_manager', nameAr: 'هبة مصطفى', nameEn: 'Heba Mostafa', office: null, directorate: null, centre: 'DEMO-VTC-SHUBRA' },
  { local: 'training.hq', role: 'training_hq', nameAr: 'شريف عبد العزيز', nameEn: 'Sherif Abdelaziz', office: null, directorate: null },
] as const;

/**
 * Demo vocational training centres (issue 6): realistic names, but demo data only (`demo = true`), seeded
 * with the demo staff. Ids are UUID v5 of the code.
 */
export const DEMO_TRAINING_CENTRES = [
  { code: 'DEMO-VTC-SHUBRA', nameAr: 'مركز التدريب المهني بشبرا الخيمة (تجريبي)', nameEn: 'Shubra El Kheima Vocational Training Centre (demo)', governorate: '14' },
  { code: 'DEMO-VTC-ALEX', nameAr: 'مركز التدريب المهني بالعامرية – الإسكندرية (تجريبي)', nameEn: 'Alexandria Ameriya Vocational Training Centre (demo)', governorate: '02' },
  { code: 'DEMO-VTC-ASSIUT', nameAr: 'مركز التدريب المهني بأسيوط (تجريبي)', nameEn: 'Assiut Vocational Training Centre (demo)', governorate: '25' },
] as const;

export function seedTrainingCentreId(code: string): string {
  return uuidv5(`training-centre:${code}`, OFFICE_NAMESPACE);
}

/** Demo staff accounts for the embedded demo (one per role), created once; off in production (SEED_DEMO_STAFF=false). */
export async function seedDemoStaff(db: Kysely<DB>, now: Date): Promise<void> {
  const existing = await db.selectFrom('staff').select('email').where('email', 'like', `%@${DEMO_STAFF_DOMAIN}`).execute();
  const have = new Set(existing.map((r) => r.email));
  const missing = DEMO_STAFF.filter((s) => !have.has(`${s.local}@${DEMO_STAFF_DOMAIN}`));
  await db
    .insertInto('training_centres')
    .values(DEMO_TRAINING_CENTRES.map((c) => ({ id: seedTrainingCentreId(c.code), code: c.code, name_ar: c.nameAr, name_en: c.nameEn, governorate_code: c.governorate, demo: true, created_at: now })))
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  if (missing.length === 0) return;
  const passwordHash = await hashPassword(DEMO_STAFF_PASSWORD);
  await db.transaction().execute(async (trx) => {
    for (const s of missing) {
      const id = uuidv5(`staff:${s.local}`, OFFICE_NAMESPACE);
      await trx
        .insertInto('staff')
        .values({
          id,
          email: `${s.local}@${DEMO_STAFF_DOMAIN}`,
          name_ar: s.nameAr,
          name_en: s.nameEn,
          role: s.role,
          office_id: s.office ? seedOfficeId(s.office) : null,
          directorate_code: s.directorate,
          training_centre_id: 'centre' in s ? seedTrainingCentreId(s.centre) : null,
          password_hash: passwordHash,
          totp_secret: newTotpSecret(),
          created_at: now,
          updated_at: now,
          disabled_at: null,
        })
        .execute();
      await appendAudit(trx, { kind: 'system' }, { action: 'staff.created', subjectType: 'staff', subjectId: id, officeId: s.office ? seedOfficeId(s.office) : null, details: { role: s.role, demo: true } }, now);
    }
  });
}
