import type { Transaction } from 'kysely';
import { SharedProfile, SKILL_LEVEL_NAMES, type CandidateDetail, type CandidatePage, type CandidateResult, type CandidateSearchQuery, type CandidateSummary } from '@rabt/contracts';
import { AppError } from '../../http/errors.ts';
import type { EmployerPrincipal } from '../../platform/auth/principal.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { IncomingMessage } from '../federation/federation.port.ts';
import { ORIGIN_COUNTRY, type DestinationDeps } from './deps.ts';
import { requireVerifiedEmployer } from './employers.service.ts';
import * as repo from './employers.repository.ts';
import * as candidates from './candidates.repository.ts';
import { invitationsFor } from './invitations.service.ts';

type Titles = Map<string, { titleAr: string; titleEn: string }>;

const TIERS = ['unit_group', 'minor_group', 'sub_major_group'] as const;

const arNumber = new Intl.NumberFormat('ar-EG', { useGrouping: false });
const languageName = { ar: new Intl.DisplayNames(['ar'], { type: 'language' }), en: new Intl.DisplayNames(['en'], { type: 'language' }) };
const levelText = (level: string, locale: 'ar' | 'en') => (level === 'native' ? (locale === 'ar' ? 'لغة أم' : 'native') : level);

function summaryOf(p: SharedProfile, titles: Titles): CandidateSummary {
  return {
    profileId: p.profileId,
    occupations: p.occupations.map((o) => ({ isco: o.isco, years: o.years, titleAr: titles.get(o.isco)?.titleAr ?? o.isco, titleEn: titles.get(o.isco)?.titleEn ?? o.isco })),
    education: p.education ?? null,
    languages: p.languages ?? [],
    certificateLevel: candidates.highestCertificate(p),
    availableFrom: p.availableFrom ?? null,
    ageBand: p.ageBand ?? null,
    expectedWage: p.expectedWage ?? null,
  };
}

/** The reasons a result ranks where it does, in both languages ("same unit group 7411, 6 years, skill certificate level: skilled"). */
export function reasonsFor(row: { tier: number; isco: string; years: number; available_from: string | null }, p: SharedProfile, q: CandidateSearchQuery): { ar: string; en: string }[] {
  const reasons: { ar: string; en: string }[] = [];
  if (row.tier === 1) reasons.push({ ar: `نفس مجموعة الوحدات ${row.isco}`, en: `same unit group ${row.isco}` });
  else if (row.tier === 2) reasons.push({ ar: `نفس المجموعة الصغرى ${row.isco.slice(0, 3)} (المهنة ${row.isco})`, en: `same minor group ${row.isco.slice(0, 3)} (occupation ${row.isco})` });
  else reasons.push({ ar: `نفس المجموعة الرئيسية الفرعية ${row.isco.slice(0, 2)} (المهنة ${row.isco})`, en: `same sub-major group ${row.isco.slice(0, 2)} (occupation ${row.isco})` });
  reasons.push({ ar: `خبرة ${arNumber.format(row.years)} ${row.years >= 3 && row.years <= 10 ? 'سنوات' : 'سنة'}`, en: `${row.years} ${row.years === 1 ? 'year' : 'years'}` });
  const langs = (p.languages ?? []).filter((l) => !q.language || l.language === q.language);
  if (langs.length) {
    reasons.push({
      ar: `اللغات: ${langs.map((l) => `${languageName.ar.of(l.language) ?? l.language} ${levelText(l.level, 'ar')}`).join('، ')}`,
      en: `languages: ${langs.map((l) => `${languageName.en.of(l.language) ?? l.language} ${levelText(l.level, 'en')}`).join(', ')}`,
    });
  }
  const cert = candidates.highestCertificate(p);
  if (cert) reasons.push({ ar: `مستوى شهادة المهارة: ${SKILL_LEVEL_NAMES[cert].ar}`, en: `skill certificate level: ${SKILL_LEVEL_NAMES[cert].en.toLowerCase()}` });
  reasons.push(row.available_from ? { ar: `متاح من ${row.available_from}`, en: `available from ${row.available_from}` } : { ar: 'متاح الآن', en: 'available now' });
  return reasons;
}

/**
 * Candidate search over the profiles the Egyptian node shared with this country (only those: this node
 * never holds anyone else's), for verified employers. Ranked by ISCO proximity (unit, minor, sub-major
 * group), then years, certificate level and availability; filters: minimum years, a language at a
 * minimum CEFR level, a minimum certificate level, available by a date. Offset pages in a stable order;
 * `hasMore` instead of a total, so that a page never counts the whole table.
 */
export async function searchCandidates(deps: Pick<DestinationDeps, 'db'>, caller: EmployerPrincipal, q: CandidateSearchQuery): Promise<CandidatePage> {
  await requireVerifiedEmployer(deps, caller);
  const rows = await candidates.searchCandidates(deps.db, {
    isco: q.isco,
    minYears: q.minYears ?? 0,
    languageKey: q.language ? `${q.language}:${q.level ?? 'A1'}` : null,
    minCertRank: candidates.certRank(q.certificateLevel),
    availableBy: q.availableBy ?? null,
    offset: (q.page - 1) * q.pageSize,
    limit: q.pageSize + 1,
  });
  const page = rows.slice(0, q.pageSize).map((r) => ({ row: r, profile: SharedProfile.parse(r.profile) }));
  const titles = await repo.unitGroupTitles(deps.db, page.flatMap((x) => x.profile.occupations.map((o) => o.isco)));
  const items: CandidateResult[] = page.map(({ row, profile }) => ({
    ...summaryOf(profile, titles),
    tier: TIERS[row.tier - 1] ?? 'sub_major_group',
    matched: { isco: row.isco, years: row.years, titleAr: titles.get(row.isco)?.titleAr ?? row.isco, titleEn: titles.get(row.isco)?.titleEn ?? row.isco },
    reasons: reasonsFor(row, profile, q),
  }));
  return { items, page: q.page, pageSize: q.pageSize, hasMore: rows.length > q.pageSize };
}

/**
 * One candidate's shared profile, with this employer's invitations to them. Opening it queues
 * `profile.viewed` to the Egyptian node (once per employer, profile and day) for the worker's
 * disclosure log. Errors: `candidate_not_found` (404: never shared with this country, or withdrawn).
 */
export async function getCandidate(deps: DestinationDeps, caller: EmployerPrincipal, profileId: string): Promise<CandidateDetail> {
  const employer = await requireVerifiedEmployer(deps, caller);
  const now = deps.clock();
  const found = await deps.db.transaction().execute(async (trx) => {
    const shared = await candidates.findSharedProfile(trx, profileId);
    if (!shared) return undefined;
    if (await candidates.recordView(trx, employer.id, profileId, now.toISOString().slice(0, 10))) {
      await deps.federation.enqueue(trx, { to: shared.from, type: 'profile.viewed', body: { profileId, employer: repo.toEmployerSummary(employer), viewedAt: now.toISOString() } });
    }
    return shared.profile;
  });
  if (!found) throw new AppError('candidate_not_found');
  const titles = await repo.unitGroupTitles(deps.db, found.occupations.map((o) => o.isco));
  return {
    ...summaryOf(found, titles),
    skills: found.skills ?? [],
    certificates: (found.certificates ?? []).map((c) => ({ kind: c.kind, level: c.level, titleAr: c.titleAr, titleEn: c.titleEn, issuedAt: c.issuedAt, verificationCode: c.verificationCode })),
    sex: found.sex ?? null,
    invitations: await invitationsFor(deps, employer.id, { profileId }),
  };
}

/** Candidate summaries for the given profiles (applications list); withdrawn profiles are absent. */
export async function summariesOf(deps: Pick<DestinationDeps, 'db'>, profileIds: readonly string[]): Promise<Map<string, CandidateSummary>> {
  const profiles = await candidates.findSharedProfiles(deps.db, profileIds);
  const titles = await repo.unitGroupTitles(deps.db, [...profiles.values()].flatMap((p) => p.occupations.map((o) => o.isco)));
  return new Map([...profiles].map(([id, p]) => [id, summaryOf(p, titles)]));
}

function assertFromOrigin(message: IncomingMessage): void {
  if (message.from !== ORIGIN_COUNTRY) throw new Error(`${message.type} is accepted from ${ORIGIN_COUNTRY} only`);
}

/**
 * `profile.upsert`: stores or replaces the profile exactly as shared (the sender's field profile for this
 * country; nothing more is ever asked for) and its search rows. The federation layer applies versions in
 * order; the applied version is kept with the profile.
 */
export async function onProfileUpsert(trx: Transaction<DB>, message: IncomingMessage<'profile.upsert'>, now: Date): Promise<void> {
  assertFromOrigin(message);
  await candidates.upsertSharedProfile(trx, message.body, message.from, message.entity?.version ?? 0, now);
}

/** `profile.withdraw`: the worker withdrew consent; the profile leaves every search as this transaction commits. */
export async function onProfileWithdraw(trx: Transaction<DB>, message: IncomingMessage<'profile.withdraw'>): Promise<void> {
  assertFromOrigin(message);
  await candidates.deleteSharedProfile(trx, message.body.profileId);
}
