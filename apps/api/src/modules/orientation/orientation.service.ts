/**
 * Pre-departure orientation views (issue 6 §7): the destinations' current courses (public), the orientation
 * status of the worker's contracts (the worker: course, progress, recorded completion) and, for the
 * overseas-employment officers, the completion recorded on a contract and the list of concluded contracts with
 * their orientation status per destination. Studying goes through the e-learning API; recording is in
 * orientation.record.ts.
 */
import type { ContractOrientation, ContractPayload, ContractStatus, OrientationCourse, OrientationList, OrientationRecord, OrientationStatusFilter } from '@rabt/contracts';
import type { AppDeps } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { courseDetail } from '../elearning/elearning.service.ts';
import * as repo from './orientation.repository.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;
type Text = { ar: string; en: string };

/** At most this many contracts in the officers' list (the summary counts all). */
export const LIST_LIMIT = 500;

const iso = (d: Date | string): string => new Date(d).toISOString();

function toRecord(r: repo.OrientationRecordRow): OrientationRecord {
  return { courseId: r.course_id, version: r.version, completedAt: iso(r.completed_at), recordedAt: iso(r.recorded_at), certificateCode: r.certificate_code };
}

async function names(deps: Deps): Promise<(iso2: string) => Text> {
  const m = new Map((await repo.countryNames(deps.db)).map((c) => [c.iso2, { ar: c.name_ar, en: c.name_en }]));
  return (c) => m.get(c) ?? { ar: c, en: c };
}

/** The current orientation course of every destination that has one (public), by country code. */
export async function listCourses(deps: Deps): Promise<OrientationCourse[]> {
  return (await repo.currentCourses(deps.db)).map((c) => ({
    country: c.country,
    countryName: { ar: c.country_ar, en: c.country_en },
    courseId: c.course_id,
    title: { ar: c.title_ar, en: c.title_en },
    description: { ar: c.description_ar, en: c.description_en },
    lessonCount: c.lesson_count,
    quizQuestionCount: c.quiz_question_count,
    passPercent: c.quiz_pass_percent,
    contentVersion: c.content_version,
  }));
}

interface ContractRef {
  id: string;
  version: number;
  country: string;
  status: ContractStatus;
}

async function statusOf(deps: Deps, c: ContractRef, citizenId: string, withEnrolment: boolean, name: (c: string) => Text): Promise<ContractOrientation> {
  const [course, record, expecting] = await Promise.all([
    repo.currentCourses(deps.db, c.country).then((r) => r[0]),
    repo.recordOf(deps.db, c.id),
    repo.expectingContracts(deps.db, citizenId, c.country),
  ]);
  let enrolment: ContractOrientation['enrolment'] = null;
  if (withEnrolment) {
    const e = await repo.enrolmentFor(deps.db, citizenId, c.country);
    const state = e ? (await courseDetail(deps, e.course_id, citizenId)).enrolment : null;
    if (state) enrolment = { enrolmentId: state.id, progressPercent: state.progressPercent, resumeLessonId: state.resumeLessonId, completedAt: state.completedAt };
  }
  return {
    contractId: c.id,
    version: c.version,
    country: c.country,
    countryName: name(c.country),
    contractStatus: c.status,
    expected: expecting.some((x) => x.id === c.id),
    course: course ? { id: course.course_id, title: { ar: course.title_ar, en: course.title_en } } : null,
    enrolment,
    record: record ? toRecord(record) : null,
  };
}

/** The orientation status of each of the worker's contracts (offered and later), newest first. */
export async function workerOrientations(deps: Deps, citizenId: string): Promise<ContractOrientation[]> {
  const [contracts, name] = await Promise.all([repo.workerContracts(deps.db, citizenId), names(deps)]);
  const out: ContractOrientation[] = [];
  for (const c of contracts) out.push(await statusOf(deps, c, citizenId, true, name));
  return out;
}

async function contractRef(deps: Deps, id: string, version: number) {
  return deps.db.selectFrom('received_contracts').select(['id', 'version', 'country', 'status', 'citizen_id', 'offered_at']).where('id', '=', id).where('version', '=', version).executeTakeFirst();
}

/** One of the worker's contracts: orientation course, progress and the recorded completion. 404 `contract_not_found` for anyone else's. */
export async function workerContractOrientation(deps: Deps, citizenId: string, id: string, version: number): Promise<ContractOrientation> {
  const c = await contractRef(deps, id, version);
  if (!c || c.citizen_id !== citizenId || c.offered_at === null) throw new AppError('contract_not_found');
  return statusOf(deps, c, citizenId, true, await names(deps));
}

/** For officers: the completion recorded on a contract (no learning progress). 404 `contract_not_found`. */
export async function officerContractOrientation(deps: Deps, id: string, version: number): Promise<ContractOrientation> {
  const c = await contractRef(deps, id, version);
  if (!c) throw new AppError('contract_not_found');
  return statusOf(deps, c, c.citizen_id, false, await names(deps));
}

/**
 * Officers' list: concluded contracts (one row per concluded version: an amendment supersedes the previous one),
 * newest conclusion first, filtered by destination and orientation status, at most LIST_LIMIT rows; and per
 * destination the number concluded and the number with a recorded orientation.
 */
export async function officerList(deps: Deps, filter: { country?: string | undefined; status?: OrientationStatusFilter | undefined }): Promise<OrientationList> {
  const [rows, summary, name] = await Promise.all([repo.concludedWithRecords(deps.db, filter, LIST_LIMIT), repo.summaryByCountry(deps.db), names(deps)]);
  return {
    summary: summary.map((s) => ({ country: s.country, countryName: name(s.country), concluded: s.concluded, completed: s.completed })),
    truncated: rows.length > LIST_LIMIT,
    items: rows.slice(0, LIST_LIMIT).map((r) => {
      const t = (r.payload as unknown as ContractPayload).terms;
      return {
        contractId: r.id,
        version: r.version,
        country: r.country,
        countryName: name(r.country),
        workerName: { ar: t.worker.nameAr, en: t.worker.nameLatin },
        jobTitle: { ar: t.titleAr, en: t.titleEn },
        employerName: { ar: t.employer.nameAr, en: t.employer.nameEn },
        concludedAt: iso(r.concluded_at ?? new Date(0)),
        verificationCode: r.verification_code ?? '',
        record:
          r.course_id && r.completed_at && r.recorded_at && r.certificate_code && r.record_version !== null
            ? { courseId: r.course_id, version: r.record_version, completedAt: iso(r.completed_at), recordedAt: iso(r.recorded_at), certificateCode: r.certificate_code }
            : null,
      };
    }),
  };
}
