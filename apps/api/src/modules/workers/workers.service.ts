import { createHash, randomUUID } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Transaction } from 'kysely';
import type {
  ConsentOverview,
  DisclosureEntry,
  EmployerSummary,
  ProfileHint,
  PutWorkerProfileRequest,
  WorkerApplication,
  WorkerProfile,
} from '@rabt/contracts';
import type { AppDeps } from '../../http/context.ts';
import { AppError, fieldError } from '../../http/errors.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { DB } from '../../platform/db/schema.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import type { Federation } from '../federation/federation.port.ts';
import * as repo from './workers.repository.ts';
import { buildSharedProfile, fieldProfileFor, fieldProfiles, sharedFieldNames, type WorkerSource } from './workers.sharing.ts';

/** What the origin side of the exchange depends on. */
export type WorkerDeps = Pick<AppDeps, 'db' | 'clock' | 'notifier' | 'config'> & { federation: Federation };

const today = (now: Date) => now.toISOString().slice(0, 10);
/** Currencies a worker may state a wage in: those of Arab League states, plus USD and EUR. */
const EXTRA_CURRENCIES = ['USD', 'EUR'];

// ---------------------------------------------------------------- profile

/** The worker's profile with completeness hints; version 0 and empty fields before the first save. */
export async function getProfile(deps: Pick<WorkerDeps, 'db' | 'clock'>, citizenId: string): Promise<WorkerProfile> {
  const [row, occupations, countries, certificates] = await Promise.all([
    repo.findProfile(deps.db, citizenId),
    repo.listOccupations(deps.db, citizenId),
    repo.listPreferredCountries(deps.db, citizenId),
    repo.listCertificates(deps.db, citizenId),
  ]);
  const profile: Omit<WorkerProfile, 'completeness'> = {
    version: row?.version ?? 0,
    occupations: occupations.map((o) => ({ isco: o.isco, years: o.years, titleAr: o.title_ar, titleEn: o.title_en })),
    skills: row?.skills ?? [],
    education: (row?.education ?? null) as WorkerProfile['education'],
    languages: (row?.languages ?? []) as WorkerProfile['languages'],
    preferredCountries: countries,
    expectedWage: row && row.expected_wage_minor !== null && row.expected_wage_currency ? { amountMinor: row.expected_wage_minor, currency: row.expected_wage_currency } : null,
    availableFrom: row?.available_from ?? null,
    passport: row?.passport_number && row.passport_expiry ? { number: row.passport_number, expiry: row.passport_expiry } : null,
    certificates: certificates.map((c) => ({ kind: c.kind, isco: c.isco, level: c.level, titleAr: c.title_ar, titleEn: c.title_en, issuedAt: c.issued_at, verificationCode: c.verification_code })),
    updatedAt: row ? new Date(row.updated_at).toISOString() : null,
  };
  return { ...profile, completeness: completeness(profile, today(deps.clock())) };
}

const HINTS: Record<string, ProfileHint['message']> = {
  occupations: { ar: 'أضف مهنتك وعدد سنوات خبرتك فيها.', en: 'Add your occupation and your years of experience in it.' },
  languages: { ar: 'أضف اللغات التي تتحدثها ومستواك فيها.', en: 'Add the languages you speak and your level.' },
  education: { ar: 'اختر مستوى تعليمك.', en: 'Choose your education level.' },
  skills: { ar: 'أضف بعض مهاراتك العملية.', en: 'Add some of your practical skills.' },
  preferredCountries: { ar: 'اختر الدول التي تفضل العمل فيها.', en: 'Choose the countries where you would like to work.' },
  expectedWage: { ar: 'أضف الأجر الشهري الذي تتوقعه.', en: 'Add the monthly wage you expect.' },
  availableFrom: { ar: 'حدد التاريخ الذي تكون فيه متاحًا للعمل.', en: 'Set the date from which you are available.' },
  passport: { ar: 'أضف رقم جواز سفرك وتاريخ انتهائه (لا يُرسل إلا عند قبولك دعوة عمل).', en: 'Add your passport number and expiry (only sent when you accept a job invitation).' },
  passportExpired: { ar: 'جواز سفرك منتهي الصلاحية أو ينتهي قريبًا؛ جدّده قبل السفر.', en: 'Your passport has expired or expires soon; renew it before travelling.' },
  certificates: { ar: 'شهادة قياس مستوى المهارة تظهر هنا بعد إصدارها من مكتب العمل وتزيد فرصك.', en: 'A skill-level certificate appears here once a labour office issues it, and improves your chances.' },
};

/** Which fields are missing (Arabic and English), and a percentage over the eight weighted parts. */
export function completeness(p: Omit<WorkerProfile, 'completeness'>, on: string): WorkerProfile['completeness'] {
  const checks: [string, boolean][] = [
    ['occupations', p.occupations.length > 0],
    ['languages', p.languages.length > 0],
    ['education', p.education !== null],
    ['skills', p.skills.length > 0],
    ['preferredCountries', p.preferredCountries.length > 0],
    ['expectedWage', p.expectedWage !== null],
    ['availableFrom', p.availableFrom !== null],
    ['passport', p.passport !== null],
  ];
  const missing: ProfileHint[] = checks.filter(([, ok]) => !ok).map(([field]) => ({ field, message: HINTS[field]! }));
  // Six months of validity is what most destinations ask for a visa.
  if (p.passport && p.passport.expiry < addMonths(on, 6)) missing.push({ field: 'passport', message: HINTS.passportExpired! });
  if (p.certificates.length === 0) missing.push({ field: 'certificates', message: HINTS.certificates! });
  const done = checks.filter(([, ok]) => ok).length;
  return { percent: Math.round((done / checks.length) * 100), missing };
}

function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

/**
 * Saves the whole profile (PUT semantics). Occupations must be ISCO-08 unit groups that exist,
 * preferred countries Arab League states other than this node's, the wage currency ISO 4217 of an Arab
 * state (or USD/EUR). Version +1; every destination with active consent gets a `profile.upsert` in the
 * same transaction if what it sees changed.
 * Errors: `validation_failed` with pointers; `profile_version_conflict` (409) for a stale `version`.
 */
export async function saveProfile(deps: WorkerDeps, citizenId: string, input: PutWorkerProfileRequest): Promise<WorkerProfile> {
  await validateProfile(deps, input);
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const existing = await repo.findProfile(trx, citizenId, true);
    if (input.version !== undefined && input.version !== (existing?.version ?? 0)) throw new AppError('profile_version_conflict');
    await repo.upsertProfile(
      trx,
      citizenId,
      {
        skills: dedupe(input.skills),
        education: input.education,
        languages: input.languages,
        expectedWageMinor: input.expectedWage?.amountMinor ?? null,
        expectedWageCurrency: input.expectedWage?.currency ?? null,
        availableFrom: input.availableFrom,
        passportNumber: input.passport?.number ?? null,
        passportExpiry: input.passport?.expiry ?? null,
      },
      now,
    );
    await repo.replaceOccupations(trx, citizenId, input.occupations);
    await repo.replacePreferredCountries(trx, citizenId, input.preferredCountries);
    for (const country of await repo.activeConsentCountries(trx, citizenId)) {
      await shareProfile(trx, deps, citizenId, country, now, false);
    }
  });
  return getProfile(deps, citizenId);
}

function dedupe(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const k = v.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

async function validateProfile(deps: WorkerDeps, input: PutWorkerProfileRequest): Promise<void> {
  const errors = [];
  const known = await repo.existingUnitGroups(deps.db, input.occupations.map((o) => o.isco));
  const seenIsco = new Set<string>();
  for (const [i, o] of input.occupations.entries()) {
    if (!known.has(o.isco) || seenIsco.has(o.isco)) errors.push(fieldError(`/occupations/${i}/isco`, 'invalid_value'));
    seenIsco.add(o.isco);
  }
  const countries = await repo.allCountries(deps.db);
  const isos = new Set(countries.map((c) => c.iso2));
  const seenCountry = new Set<string>();
  for (const [i, c] of input.preferredCountries.entries()) {
    if (!isos.has(c) || c === deps.config.country || seenCountry.has(c)) errors.push(fieldError(`/preferredCountries/${i}`, 'invalid_value'));
    seenCountry.add(c);
  }
  const seenLang = new Set<string>();
  for (const [i, l] of input.languages.entries()) {
    if (seenLang.has(l.language)) errors.push(fieldError(`/languages/${i}/language`, 'invalid_value'));
    seenLang.add(l.language);
  }
  if (input.expectedWage) {
    const currencies = new Set([...countries.map((c) => c.currency), ...EXTRA_CURRENCIES]);
    if (!currencies.has(input.expectedWage.currency)) errors.push(fieldError('/expectedWage/currency', 'invalid_value'));
  }
  if (errors.length) throw new AppError('validation_failed', { fieldErrors: errors });
}

/** Everything about the worker that a message could draw on, read in `trx`. */
export async function workerSource(trx: Transaction<DB>, citizenId: string): Promise<WorkerSource> {
  const [citizen, row, occupations, certificates] = await Promise.all([
    repo.findCitizen(trx, citizenId),
    repo.findProfile(trx, citizenId),
    repo.listOccupations(trx, citizenId),
    repo.listCertificates(trx, citizenId),
  ]);
  return {
    nationalId: citizen.national_id,
    nameAr: citizen.name_ar,
    nameLatin: citizen.name_latin,
    birthDate: citizen.birth_date,
    sex: citizen.sex,
    governorateCode: citizen.governorate_code,
    mobile: citizen.mobile,
    email: citizen.email,
    occupations: occupations.map((o) => ({ isco: o.isco, years: o.years })),
    skills: row?.skills ?? [],
    education: (row?.education ?? null) as WorkerSource['education'],
    languages: (row?.languages ?? []) as WorkerSource['languages'],
    certificates: certificates.map((c) => ({ kind: c.kind, isco: c.isco, level: c.level, titleAr: c.title_ar, titleEn: c.title_en, issuedAt: c.issued_at, verificationCode: c.verification_code })),
    expectedWage: row && row.expected_wage_minor !== null && row.expected_wage_currency ? { amountMinor: row.expected_wage_minor, currency: row.expected_wage_currency } : null,
    availableFrom: row?.available_from ?? null,
    passport: row?.passport_number && row.passport_expiry ? { number: row.passport_number, expiry: row.passport_expiry } : null,
  };
}

/**
 * Queues `profile.upsert` of the worker's profile to `country`, built by the allow-list function, with
 * the next entity version of that country's pseudonym, and logs it in the worker's disclosure log.
 * Unless `force`, nothing is sent when the body equals the last one sent (e.g. only the passport changed).
 */
async function shareProfile(trx: Transaction<DB>, deps: WorkerDeps, citizenId: string, country: string, now: Date, force: boolean): Promise<void> {
  const link = await repo.lockLink(trx, citizenId, country, randomUUID(), now);
  const body = buildSharedProfile(await workerSource(trx, citizenId), link.profile_id, country, today(now));
  const hash = createHash('sha256').update(canonicalize(body) ?? '').digest('hex');
  if (!force && hash === link.last_shared_hash) return;
  const version = await repo.nextEntityVersion(trx, citizenId, country);
  const messageId = await deps.federation.enqueue(trx, { to: country, type: 'profile.upsert', body, entity: { type: 'profile', id: link.profile_id, version } });
  await repo.setLastSharedHash(trx, citizenId, country, hash);
  await repo.insertDisclosure(trx, { id: randomUUID(), citizenId, country, kind: 'profile_sent', fields: sharedFieldNames(body), employer: null, messageId, at: now });
}

// ---------------------------------------------------------------- consent

/** Peers of this node the worker may consent to, each with its field lists, current consent and history. */
export async function getConsents(deps: WorkerDeps, citizenId: string): Promise<ConsentOverview> {
  const profiles = fieldProfiles();
  const peers = new Set(deps.federation.peers());
  const [countries, consents] = await Promise.all([repo.allCountries(deps.db), repo.listConsents(deps.db, citizenId)]);
  const records = consents.map((c) => ({
    country: c.country,
    record: {
      id: c.id,
      textVersion: c.text_version,
      profileFields: c.profile_fields,
      contactFields: c.contact_fields,
      grantedAt: new Date(c.granted_at).toISOString(),
      withdrawnAt: c.withdrawn_at ? new Date(c.withdrawn_at).toISOString() : null,
    },
  }));
  return {
    textVersion: profiles.consentText.version,
    text: { ar: profiles.consentText.ar, en: profiles.consentText.en },
    countries: countries
      .filter((c) => peers.has(c.iso2))
      .map((c) => {
        const fp = fieldProfileFor(c.iso2, profiles);
        const history = records.filter((r) => r.country === c.iso2).map((r) => r.record);
        return {
          country: c.iso2,
          nameAr: c.name_ar,
          nameEn: c.name_en,
          profileFields: fp.profile,
          contactFields: fp.contact,
          active: history.find((r) => r.withdrawnAt === null) ?? null,
          history,
        };
      }),
  };
}

/**
 * Records explicit consent to share with `country` (a peer of this node) under the current consent text,
 * with the exact field lists shown, audits it, and queues the first `profile.upsert` in the same transaction.
 * Errors: `consent_country_not_linked` (422), `consent_text_outdated` (409), `worker_profile_incomplete` (409),
 * `consent_already_active` (409).
 */
export async function grantConsent(deps: WorkerDeps, citizenId: string, input: { country: string; textVersion: string }): Promise<ConsentOverview> {
  if (input.country === deps.federation.country || !deps.federation.peers().includes(input.country)) throw new AppError('consent_country_not_linked');
  const profiles = fieldProfiles();
  if (input.textVersion !== profiles.consentText.version) throw new AppError('consent_text_outdated');
  const occupations = await repo.listOccupations(deps.db, citizenId);
  if (occupations.length === 0) throw new AppError('worker_profile_incomplete');
  const now = deps.clock();
  try {
    await deps.db.transaction().execute((trx) => recordConsent(trx, deps, citizenId, input.country, now));
  } catch (err) {
    if (isUniqueViolation(err, 'worker_consents_active_idx')) throw new AppError('consent_already_active');
    throw err;
  }
  return getConsents(deps, citizenId);
}

/** Consent row, audit entry and first profile message, in the caller's transaction (also used by the demo seed). */
export async function recordConsent(trx: Transaction<DB>, deps: WorkerDeps, citizenId: string, country: string, now: Date): Promise<void> {
  const profiles = fieldProfiles();
  const fp = fieldProfileFor(country, profiles);
  const id = randomUUID();
  await repo.lockLink(trx, citizenId, country, randomUUID(), now);
  if (await repo.findActiveConsent(trx, citizenId, country)) throw new AppError('consent_already_active');
  await repo.insertConsent(trx, { id, citizenId, country, textVersion: profiles.consentText.version, profileFields: fp.profile, contactFields: fp.contact, now });
  await appendAudit(
    trx,
    { kind: 'citizen', id: citizenId },
    { action: 'worker.consent_granted', subjectType: 'worker_consent', subjectId: id, details: { country, textVersion: profiles.consentText.version, profileFields: fp.profile, contactFields: fp.contact } },
    now,
  );
  await shareProfile(trx, deps, citizenId, country, now, true);
}

/**
 * Withdraws consent for `country` in one transaction: the consent row is closed, queued messages about
 * that country's pseudonym are cancelled, and a `profile.withdraw` with a higher entity version is queued
 * (the partner must remove the profile from search). Audited. Error: `consent_not_active` (404).
 */
export async function withdrawConsent(deps: WorkerDeps, citizenId: string, country: string): Promise<ConsentOverview> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const link = await repo.findLink(trx, citizenId, country);
    if (!link) throw new AppError('consent_not_active');
    await repo.lockLink(trx, citizenId, country, randomUUID(), now);
    const consent = await repo.findActiveConsent(trx, citizenId, country, true);
    if (!consent) throw new AppError('consent_not_active');
    await repo.withdrawConsent(trx, consent.id, now);
    const cancelled = await deps.federation.cancelPending(trx, { to: country, entityType: 'profile', entityId: link.profile_id });
    const version = await repo.nextEntityVersion(trx, citizenId, country);
    const messageId = await deps.federation.enqueue(trx, { to: country, type: 'profile.withdraw', body: { profileId: link.profile_id }, entity: { type: 'profile', id: link.profile_id, version } });
    await repo.setLastSharedHash(trx, citizenId, country, null);
    await repo.insertDisclosure(trx, { id: randomUUID(), citizenId, country, kind: 'profile_withdrawn', fields: [], employer: null, messageId, at: now });
    await appendAudit(trx, { kind: 'citizen', id: citizenId }, { action: 'worker.consent_withdrawn', subjectType: 'worker_consent', subjectId: consent.id, details: { country, cancelledMessages: cancelled } }, now);
  });
  return getConsents(deps, citizenId);
}

// ---------------------------------------------------------------- disclosure log

/** The worker's disclosure log, newest first (field names only, never values). */
export async function listDisclosures(deps: Pick<WorkerDeps, 'db'>, citizenId: string): Promise<DisclosureEntry[]> {
  const rows = await repo.listDisclosures(deps.db, citizenId, 500);
  return rows.map((r) => ({
    id: r.id,
    country: r.country,
    kind: r.kind,
    fields: r.fields,
    employer: (r.employer as EmployerSummary | null) ?? null,
    at: new Date(r.at).toISOString(),
  }));
}

// ---------------------------------------------------------------- applications

/**
 * Applies to an attested job order: only approved orders, only with active consent to the order's
 * country. Queues `application.submitted` under that country's pseudonym; logged and audited.
 * Errors: `job_order_not_found` (404), `job_order_not_open` (409), `consent_required` (409),
 * `application_already_submitted` (409).
 */
export async function apply(deps: WorkerDeps, citizenId: string, jobOrderId: string): Promise<WorkerApplication> {
  const now = deps.clock();
  const id = randomUUID();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const order = await repo.findJobOrder(trx, jobOrderId);
      if (!order) throw new AppError('job_order_not_found');
      if (order.status !== 'approved') throw new AppError('job_order_not_open');
      const consent = await repo.findActiveConsent(trx, citizenId, order.country, true);
      if (!consent) throw new AppError('consent_required');
      const link = await repo.findLink(trx, citizenId, order.country);
      if (!link) throw new AppError('consent_required');
      await repo.insertApplication(trx, { id, citizenId, jobOrderId, country: order.country, profileId: link.profile_id, now });
      const messageId = await deps.federation.enqueue(trx, {
        to: order.country,
        type: 'application.submitted',
        body: { applicationId: id, jobOrderId, profileId: link.profile_id, submittedAt: now.toISOString() },
      });
      await repo.insertDisclosure(trx, { id: randomUUID(), citizenId, country: order.country, kind: 'application_sent', fields: ['profileId'], employer: order.employer as unknown as EmployerSummary, messageId, at: now });
      await appendAudit(trx, { kind: 'citizen', id: citizenId }, { action: 'worker.applied', subjectType: 'job_order', subjectId: jobOrderId, details: { applicationId: id, country: order.country } }, now);
      return { id, jobOrderId, country: order.country, titleAr: order.title_ar, titleEn: order.title_en, submittedAt: now.toISOString() };
    });
  } catch (err) {
    if (isUniqueViolation(err, 'worker_applications_citizen_id_job_order_id_key')) throw new AppError('application_already_submitted');
    throw err;
  }
}

export async function listApplications(deps: Pick<WorkerDeps, 'db'>, citizenId: string): Promise<WorkerApplication[]> {
  const rows = await repo.listApplications(deps.db, citizenId);
  return rows.map((r) => ({ id: r.id, jobOrderId: r.job_order_id, country: r.country, titleAr: r.title_ar, titleEn: r.title_en, submittedAt: new Date(r.submitted_at).toISOString() }));
}

