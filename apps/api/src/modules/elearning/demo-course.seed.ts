/**
 * The demo vocational course (demo data only, `config.seedDemoData`, Egyptian node): «أساسيات التمديدات
 * الكهربائية المنزلية» (ISCO-08 7411) of the demo training centre, so a new trainee can try a vocational course,
 * a PDF lesson, a SCORM lesson and a live class without waiting for a trainer, a centre manager and HQ.
 *
 * It is built through the module's own services, as the demo accounts whose roles do each step: the demo
 * trainer (trainer@demo.rabt.local) authors it (createCourse, addModule, addLesson, addQuestion, the PDF lesson's
 * file through files.ts storeUpload and attachLessonFile, and the SCORM package through scorm.service.ts
 * uploadScormPackage, so the file and the package pass the same checks as an upload),
 * the demo centre manager submits it, the demo HQ training account approves it; each service audits its step
 * under that account, and a system entry `course.demo_seeded` records that the seed, not a person, did it. The
 * seeded content and the workflow are thus exactly what a real course goes through (readiness checks included).
 *
 * Idempotent and resumable: the course is found again by author and English title; a run interrupted half-way
 * completes the draft (missing modules, lessons, questions, PDF file, package) instead of starting a second course; a
 * published course is left as it is, apart from keeping one upcoming live session (scheduled for the next day
 * at 16:00 UTC only when the course has no session to come). A course HQ returned is left for people to handle.
 * Not safe against two processes seeding the same database at the same moment (demo mode runs one EG process).
 */
import { Readable } from 'node:stream';
import { CourseInput, LessonInput, ModuleInput, QuestionInput, type StaffCourse } from '@rabt/contracts';
import type { AppDeps } from '../../http/context.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { StaffPrincipal } from '../../platform/auth/principal.ts';
import { DEMO_STAFF_DOMAIN } from '../../platform/db/seed.ts';
import { documentsDeps } from '../documents/documents.wiring.ts';
import { documentStoreFor } from '../uploads/document-store.ts';
import { conferencingFor } from './classrooms.conferencing.ts';
import { scheduleSession, type ClassroomDeps } from './classrooms.service.ts';
import { DEMO_COURSE, DEMO_LIVE_SESSION, DEMO_MODULES, DEMO_PDF_LESSON, DEMO_QUESTIONS, DEMO_SCORM_LESSON, type DemoLesson } from './demo-course.data.ts';
import { demoChecklistPdf } from './demo-course.pdf.ts';
import { demoScormZip } from './demo-course.scorm.ts';
import { addLesson, addModule, addQuestion, approveCourse, attachLessonFile, createCourse, staffCourse, submitCourse } from './elearning.service.ts';
import { removeStored, storeUpload } from './files.ts';
import { uploadScormPackage, type ScormDeps } from './scorm.service.ts';

export interface DemoCourseResult {
  /** The course id, or null when the demo accounts are missing (demo staff off). */
  courseId: string | null;
  /** True when this run published the course. */
  published: boolean;
  /** True when this run scheduled the upcoming live session. */
  sessionScheduled: boolean;
}

/** The hour (UTC) of the demo live session on the day after the seed: 18:00 in Cairo in winter, 19:00 in summer. */
const SESSION_HOUR_UTC = 16;

async function demoStaff(db: AppDeps['db'], local: string): Promise<StaffPrincipal | null> {
  const s = await db
    .selectFrom('staff')
    .select(['id', 'role', 'office_id', 'directorate_code', 'training_centre_id'])
    .where('email', '=', `${local}@${DEMO_STAFF_DOMAIN}`)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return s ? { kind: 'staff', staffId: s.id, role: s.role, officeId: s.office_id, directorateCode: s.directorate_code, trainingCentreId: s.training_centre_id } : null;
}

/** The demo course: the author's course with the demo title, oldest first (there is one unless someone copied the title). */
export async function findDemoCourse(db: AppDeps['db'], trainerId: string) {
  return db.selectFrom('courses').select(['id', 'status']).where('created_by', '=', trainerId).where('title_en', '=', DEMO_COURSE.titleEn).orderBy('created_at').limit(1).executeTakeFirst();
}

const lessonInput = (moduleId: string, l: DemoLesson) => LessonInput.parse({ moduleId, titleAr: l.title.ar, titleEn: l.title.en, bodyAr: l.body.ar, bodyEn: l.body.en, videoUrl: null });

/** Adds to the draft whatever of the demo content it does not have yet (all of it on a first run). */
async function completeDraft(deps: ScormDeps, trainer: StaffPrincipal, courseId: string): Promise<void> {
  let c: StaffCourse = await staffCourse(deps, trainer, courseId);
  for (let i = c.modules.length; i < DEMO_MODULES.length; i++) {
    c = await addModule(deps, trainer, courseId, ModuleInput.parse({ titleAr: DEMO_MODULES[i]!.title.ar, titleEn: DEMO_MODULES[i]!.title.en }));
  }
  for (let i = 0; i < DEMO_MODULES.length; i++) {
    const wanted = [...DEMO_MODULES[i]!.lessons, ...(i === DEMO_MODULES.length - 1 ? [DEMO_PDF_LESSON, DEMO_SCORM_LESSON] : [])];
    for (let j = c.modules[i]!.lessons.length; j < wanted.length; j++) c = await addLesson(deps, trainer, courseId, lessonInput(c.modules[i]!.id, wanted[j]!));
  }
  for (let k = c.questions.length; k < DEMO_QUESTIONS.length; k++) c = await addQuestion(deps, trainer, courseId, QuestionInput.parse(DEMO_QUESTIONS[k]));
  const pdfLesson = c.modules.at(-1)!.lessons.at(-2)!;
  if (!pdfLesson.file) await attachDemoPdf(deps, trainer, pdfLesson.id);
  const scormLesson = c.modules.at(-1)!.lessons.at(-1)!;
  if (!scormLesson.scorm) await uploadScormPackage(deps, trainer, scormLesson.id, demoScormZip());
}

/** Stores the checklist PDF exactly as a trainer's upload is stored (sniffed, size-checked) and attaches it; removed again if attaching fails. */
async function attachDemoPdf(deps: ScormDeps, trainer: StaffPrincipal, lessonId: string): Promise<void> {
  const pdf = await demoChecklistPdf();
  const stored = await storeUpload(deps.config, Readable.from([pdf]), pdf.length);
  try {
    await attachLessonFile(deps, trainer, lessonId, { id: stored.id, mediaType: stored.mediaType, size: stored.size, sha256: stored.sha256 });
  } catch (err) {
    await removeStored(deps.config, stored.id);
    throw err;
  }
}

/** Schedules the demo live session for tomorrow unless the course already has one to come. */
async function keepUpcomingSession(deps: ClassroomDeps, trainer: StaffPrincipal, courseId: string): Promise<boolean> {
  const now = deps.clock();
  const upcoming = await deps.db.selectFrom('live_sessions').select('id').where('course_id', '=', courseId).where('cancelled_at', 'is', null).where('starts_at', '>', now).executeTakeFirst();
  if (upcoming) return false;
  const startsAt = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, SESSION_HOUR_UTC));
  await scheduleSession(deps, trainer, courseId, { ...DEMO_LIVE_SESSION, startsAt: startsAt.toISOString() });
  return true;
}

/**
 * Seeds (or finishes seeding) the demo course and keeps an upcoming live session on it. Needs the demo staff
 * (trainer, centre.manager, training.hq @demo.rabt.local); without them it does nothing. Errors of the services
 * (e.g. `course_not_ready`) propagate: they would mean the demo content itself is wrong.
 */
export async function seedDemoCourse(deps: AppDeps): Promise<DemoCourseResult> {
  const [trainer, manager, hq] = await Promise.all([demoStaff(deps.db, 'trainer'), demoStaff(deps.db, 'centre.manager'), demoStaff(deps.db, 'training.hq')]);
  if (!trainer?.trainingCentreId || !manager || !hq) return { courseId: null, published: false, sessionScheduled: false };
  const d: ScormDeps & ClassroomDeps = {
    db: deps.db,
    clock: deps.clock,
    config: deps.config,
    notifier: deps.notifier,
    documents: documentsDeps(deps),
    store: documentStoreFor(deps.config),
    conferencing: conferencingFor(deps.config),
  };
  let course = await findDemoCourse(deps.db, trainer.staffId);
  if (!course) {
    const created = await createCourse(d, trainer, CourseInput.parse({ ...DEMO_COURSE, prerequisiteIds: [] }));
    course = { id: created.id, status: created.status };
  }
  const courseId = course.id;
  let published = false;
  if (course.status === 'draft') {
    await completeDraft(d, trainer, courseId);
    await submitCourse(d, manager, courseId);
    course.status = 'submitted';
  }
  if (course.status === 'submitted') {
    await approveCourse(d, hq, courseId);
    await deps.db.transaction().execute((trx) =>
      appendAudit(trx, { kind: 'system' }, { action: 'course.demo_seeded', subjectType: 'course', subjectId: courseId, details: { demo: true, isco: DEMO_COURSE.isco, author: 'trainer', submittedBy: 'centre.manager', approvedBy: 'training.hq', note: 'built by the demo-data seed (SEED_DEMO_DATA) as the demo accounts' } }, deps.clock()),
    );
    published = true;
    course.status = 'published';
  }
  const sessionScheduled = course.status === 'published' ? await keepUpcomingSession(d, trainer, courseId) : false;
  return { courseId, published, sessionScheduled };
}
