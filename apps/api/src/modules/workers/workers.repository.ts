import { sql, type Kysely, type Transaction } from 'kysely';
import type { EmployerSummary, JobOrderTerms } from '@rabt/contracts';
import type { DB } from '../../platform/db/schema.ts';

/** SQL of the origin side of the exchange (migration 0008). Rows are returned raw; the service shapes them. */
type Db = Kysely<DB> | Transaction<DB>;

// ---------- profile ----------

export function findProfile(db: Db, citizenId: string, lock = false) {
  let q = db.selectFrom('worker_profiles').selectAll().where('citizen_id', '=', citizenId);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export function findCitizen(db: Db, citizenId: string) {
  return db
    .selectFrom('citizens')
    .select(['id', 'national_id', 'name_ar', 'name_latin', 'birth_date', 'sex', 'governorate_code', 'mobile', 'email', 'locale'])
    .where('id', '=', citizenId)
    .executeTakeFirstOrThrow();
}

export function listOccupations(db: Db, citizenId: string) {
  return db
    .selectFrom('worker_occupations as w')
    .innerJoin('occupations as o', 'o.code', 'w.isco')
    .select(['w.isco', 'w.years', 'o.title_ar', 'o.title_en'])
    .where('w.citizen_id', '=', citizenId)
    .orderBy('w.position')
    .execute();
}

export async function listPreferredCountries(db: Db, citizenId: string): Promise<string[]> {
  const rows = await db.selectFrom('worker_preferred_countries').select('country').where('citizen_id', '=', citizenId).orderBy('country').execute();
  return rows.map((r) => r.country);
}

export function listCertificates(db: Db, citizenId: string) {
  return db.selectFrom('worker_certificates').selectAll().where('citizen_id', '=', citizenId).where('revoked_at', 'is', null).orderBy('issued_at', 'desc').execute();
}

export async function existingUnitGroups(db: Db, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db.selectFrom('occupations').select('code').where('code', 'in', codes).where('level', '=', 4).execute();
  return new Set(rows.map((r) => r.code));
}

export function allCountries(db: Db) {
  return db.selectFrom('countries').select(['iso2', 'name_ar', 'name_en', 'currency', 'currency_minor_units']).orderBy('iso2').execute();
}

export interface ProfileWrite {
  skills: string[];
  education: string | null;
  languages: { language: string; level: string }[];
  expectedWageMinor: number | null;
  expectedWageCurrency: string | null;
  availableFrom: string | null;
  passportNumber: string | null;
  passportExpiry: string | null;
}

/** Inserts or updates the profile row, bumping `version`; returns the new version. */
export async function upsertProfile(trx: Transaction<DB>, citizenId: string, p: ProfileWrite, now: Date): Promise<number> {
  const values = {
    skills: JSON.stringify(p.skills),
    education: p.education,
    languages: JSON.stringify(p.languages),
    expected_wage_minor: p.expectedWageMinor,
    expected_wage_currency: p.expectedWageCurrency,
    available_from: p.availableFrom,
    passport_number: p.passportNumber,
    passport_expiry: p.passportExpiry,
    updated_at: now,
  };
  const row = await trx
    .insertInto('worker_profiles')
    .values({ citizen_id: citizenId, version: 1, created_at: now, ...values })
    .onConflict((oc) => oc.column('citizen_id').doUpdateSet({ ...values, version: sql<number>`worker_profiles.version + 1` }))
    .returning('version')
    .executeTakeFirstOrThrow();
  return row.version;
}

export async function replaceOccupations(trx: Transaction<DB>, citizenId: string, occupations: { isco: string; years: number }[]): Promise<void> {
  await trx.deleteFrom('worker_occupations').where('citizen_id', '=', citizenId).execute();
  if (occupations.length) {
    await trx
      .insertInto('worker_occupations')
      .values(occupations.map((o, position) => ({ citizen_id: citizenId, isco: o.isco, years: o.years, position })))
      .execute();
  }
}

export async function replacePreferredCountries(trx: Transaction<DB>, citizenId: string, countries: string[]): Promise<void> {
  await trx.deleteFrom('worker_preferred_countries').where('citizen_id', '=', citizenId).execute();
  if (countries.length) await trx.insertInto('worker_preferred_countries').values(countries.map((country) => ({ citizen_id: citizenId, country }))).execute();
}

// ---------- pseudonyms and consent ----------

/** The (worker, country) pseudonym row, created with a random UUID if absent; locked for update. */
export async function lockLink(trx: Transaction<DB>, citizenId: string, country: string, newProfileId: string, now: Date) {
  await trx
    .insertInto('worker_country_links')
    .values({ citizen_id: citizenId, country, profile_id: newProfileId, created_at: now })
    .onConflict((oc) => oc.columns(['citizen_id', 'country']).doNothing())
    .execute();
  return trx.selectFrom('worker_country_links').selectAll().where('citizen_id', '=', citizenId).where('country', '=', country).forUpdate().executeTakeFirstOrThrow();
}

export async function nextEntityVersion(trx: Transaction<DB>, citizenId: string, country: string): Promise<number> {
  const row = await trx
    .updateTable('worker_country_links')
    .set({ entity_version: sql<number>`entity_version + 1` })
    .where('citizen_id', '=', citizenId)
    .where('country', '=', country)
    .returning('entity_version')
    .executeTakeFirstOrThrow();
  return row.entity_version;
}

export function findLinkByProfileId(db: Db, profileId: string, country: string) {
  return db.selectFrom('worker_country_links').selectAll().where('profile_id', '=', profileId).where('country', '=', country).executeTakeFirst();
}

export function findLink(db: Db, citizenId: string, country: string) {
  return db.selectFrom('worker_country_links').selectAll().where('citizen_id', '=', citizenId).where('country', '=', country).executeTakeFirst();
}

export function listConsents(db: Db, citizenId: string) {
  return db.selectFrom('worker_consents').selectAll().where('citizen_id', '=', citizenId).orderBy('granted_at', 'desc').execute();
}

export function findActiveConsent(db: Db, citizenId: string, country: string, lock = false) {
  let q = db.selectFrom('worker_consents').selectAll().where('citizen_id', '=', citizenId).where('country', '=', country).where('withdrawn_at', 'is', null);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function activeConsentCountries(db: Db, citizenId: string): Promise<string[]> {
  const rows = await db.selectFrom('worker_consents').select('country').where('citizen_id', '=', citizenId).where('withdrawn_at', 'is', null).orderBy('country').execute();
  return rows.map((r) => r.country);
}

export async function insertConsent(
  trx: Transaction<DB>,
  c: { id: string; citizenId: string; country: string; textVersion: string; profileFields: string[]; contactFields: string[]; now: Date },
): Promise<void> {
  await trx
    .insertInto('worker_consents')
    .values({
      id: c.id,
      citizen_id: c.citizenId,
      country: c.country,
      text_version: c.textVersion,
      profile_fields: JSON.stringify(c.profileFields),
      contact_fields: JSON.stringify(c.contactFields),
      granted_at: c.now,
    })
    .execute();
}

export async function withdrawConsent(trx: Transaction<DB>, id: string, now: Date): Promise<void> {
  await trx.updateTable('worker_consents').set({ withdrawn_at: now }).where('id', '=', id).execute();
}

// ---------- disclosure log ----------

export async function insertDisclosure(
  trx: Transaction<DB>,
  d: { id: string; citizenId: string; country: string; kind: DB['worker_disclosures']['kind']; fields: string[]; employer: EmployerSummary | null; messageId: string | null; at: Date },
): Promise<void> {
  await trx
    .insertInto('worker_disclosures')
    .values({
      id: d.id,
      citizen_id: d.citizenId,
      country: d.country,
      kind: d.kind,
      fields: JSON.stringify(d.fields),
      employer: JSON.stringify(d.employer),
      message_id: d.messageId,
      at: d.at,
    })
    .execute();
}

export function listDisclosures(db: Db, citizenId: string, limit: number) {
  return db.selectFrom('worker_disclosures').selectAll().where('citizen_id', '=', citizenId).orderBy('at', 'desc').orderBy('id').limit(limit).execute();
}

// ---------- job orders ----------

export function findJobOrder(db: Db, id: string, lock = false) {
  let q = db.selectFrom('received_job_orders').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function insertJobOrder(trx: Transaction<DB>, terms: JobOrderTerms, version: number, now: Date): Promise<void> {
  await trx
    .insertInto('received_job_orders')
    .values({ id: terms.jobOrderId, ...jobOrderColumns(terms, version), status: 'pending_attestation', received_at: now, updated_at: now })
    .execute();
}

export async function replaceJobOrderTerms(trx: Transaction<DB>, terms: JobOrderTerms, version: number, now: Date): Promise<void> {
  await trx
    .updateTable('received_job_orders')
    .set({ ...jobOrderColumns(terms, version), status: 'pending_attestation', decided_at: null, decided_by: null, decision_reason: null, updated_at: now })
    .where('id', '=', terms.jobOrderId)
    .execute();
}

function jobOrderColumns(terms: JobOrderTerms, version: number) {
  return {
    country: terms.country,
    version,
    terms: JSON.stringify(terms),
    employer: JSON.stringify(terms.employer),
    isco: terms.isco,
    title_ar: terms.titleAr,
    title_en: terms.titleEn,
    city: terms.city,
    employer_pays: terms.recruitmentCostsBorneByEmployer === true,
  };
}

export async function decideJobOrder(
  trx: Transaction<DB>,
  id: string,
  d: { status: 'approved' | 'rejected' | 'changes_requested'; decidedBy: string; reason: string | null; now: Date },
): Promise<void> {
  await trx
    .updateTable('received_job_orders')
    .set({ status: d.status, decided_by: d.decidedBy, decided_at: d.now, decision_reason: d.reason, updated_at: d.now })
    .where('id', '=', id)
    .execute();
}

export function listJobOrdersByStatus(db: Db, status: DB['received_job_orders']['status'], limit: number) {
  return db.selectFrom('received_job_orders').selectAll().where('status', '=', status).orderBy('received_at').limit(limit).execute();
}

export interface JobOrderFilter {
  country?: string | undefined;
  iscoPrefix?: string | undefined;
  iscoPrefixes?: string[] | undefined;
  q?: string | undefined;
  city?: string | undefined;
}

function approvedQuery(db: Db, f: JobOrderFilter) {
  let q = db.selectFrom('received_job_orders').where('status', '=', 'approved');
  if (f.country) q = q.where('country', '=', f.country);
  if (f.iscoPrefix) q = q.where('isco', 'like', `${f.iscoPrefix}%`);
  if (f.iscoPrefixes) {
    const prefixes = f.iscoPrefixes;
    if (prefixes.length === 0) return q.where(sql<boolean>`false`);
    q = q.where((eb) => eb.or(prefixes.map((p) => eb('isco', 'like', `${p}%`))));
  }
  if (f.city) q = q.where(sql<boolean>`lower(city) = lower(${f.city})`);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('title_ar', 'ilike', like), eb('title_en', 'ilike', like)]));
  }
  return q;
}

export async function listApproved(db: Db, f: JobOrderFilter, page: { offset: number; limit: number }) {
  const [rows, count] = await Promise.all([
    approvedQuery(db, f).selectAll().orderBy('decided_at', 'desc').orderBy('id').offset(page.offset).limit(page.limit).execute(),
    approvedQuery(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function occupationTitles(db: Db, codes: string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db.selectFrom('occupations').select(['code', 'title_ar', 'title_en']).where('code', 'in', codes).execute();
}

// ---------- applications and invitations ----------

export async function insertApplication(trx: Transaction<DB>, a: { id: string; citizenId: string; jobOrderId: string; country: string; profileId: string; now: Date }): Promise<void> {
  await trx
    .insertInto('worker_applications')
    .values({ id: a.id, citizen_id: a.citizenId, job_order_id: a.jobOrderId, country: a.country, profile_id: a.profileId, submitted_at: a.now })
    .execute();
}

export function listApplications(db: Db, citizenId: string) {
  return db
    .selectFrom('worker_applications as a')
    .innerJoin('received_job_orders as j', 'j.id', 'a.job_order_id')
    .select(['a.id', 'a.job_order_id', 'a.country', 'a.submitted_at', 'j.title_ar', 'j.title_en'])
    .where('a.citizen_id', '=', citizenId)
    .orderBy('a.submitted_at', 'desc')
    .execute();
}

export function findApplication(db: Db, id: string) {
  return db.selectFrom('worker_applications').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertInvitation(
  trx: Transaction<DB>,
  i: { id: string; citizenId: string; country: string; profileId: string; jobOrderId: string; applicationId: string | null; employer: EmployerSummary; messageAr: string | null; sentAt: string; now: Date },
): Promise<boolean> {
  const res = await trx
    .insertInto('worker_invitations')
    .values({
      id: i.id,
      citizen_id: i.citizenId,
      country: i.country,
      profile_id: i.profileId,
      job_order_id: i.jobOrderId,
      application_id: i.applicationId,
      employer: JSON.stringify(i.employer),
      message_ar: i.messageAr,
      sent_at: i.sentAt,
      received_at: i.now,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

export function listInvitations(db: Db, citizenId: string) {
  return db.selectFrom('worker_invitations').selectAll().where('citizen_id', '=', citizenId).orderBy('received_at', 'desc').execute();
}

export function findInvitation(db: Db, citizenId: string, id: string, lock = false) {
  let q = db.selectFrom('worker_invitations').selectAll().where('id', '=', id).where('citizen_id', '=', citizenId);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function answerInvitation(trx: Transaction<DB>, id: string, status: 'accepted' | 'declined', now: Date): Promise<void> {
  await trx.updateTable('worker_invitations').set({ status, responded_at: now }).where('id', '=', id).execute();
}

export async function jobOrdersByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('received_job_orders').selectAll().where('id', 'in', ids).execute();
}

export async function setLastSharedHash(trx: Transaction<DB>, citizenId: string, country: string, hash: string | null): Promise<void> {
  await trx.updateTable('worker_country_links').set({ last_shared_hash: hash }).where('citizen_id', '=', citizenId).where('country', '=', country).execute();
}
