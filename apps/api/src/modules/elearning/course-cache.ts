import type { Kysely } from 'kysely';
import type { LessonPage, OutlineModule } from '@rabt/contracts';
import type { DB } from '../../platform/db/schema.ts';
import type { EncodedBody } from '../../http/encoded-body.ts';
import type { AttemptRow, QuestionRow } from './elearning.repository.ts';
import * as repo from './elearning.repository.ts';
import { toOutline } from './elearning.service.ts';

/**
 * Memory caches behind the lesson page (issue 6 target: the lesson page with its course outline at
 * ≥ 0.4 × the bare-route floor), one set per node (keyed by the node's database handle, so test nodes in
 * one process never share entries). Only positive answers are kept: an unknown or unpublished course and
 * a citizen who is not enrolled always ask the database.
 *
 * - Published course content (title, centre, outline, each lesson's text, video link and file facts). A
 *   published course cannot be edited (authoring needs draft or returned: elearning.service.ts editCourse)
 *   nor leave 'published', so an entry stays right while the course exists; it still expires after
 *   CONTENT_TTL_MS, which bounds the effect of a change made outside the services.
 * - A trainee's progress in a course (enrolment, completed lessons, quiz attempts), with the lesson pages
 *   already serialised from it. Every change made through this node's services (lesson completed, attempt
 *   started or submitted: learning.service.ts, quiz.service.ts) drops the citizen's entries at once; a
 *   change made elsewhere (another process of a scaled-out node, a trainer's grading) shows within
 *   PROGRESS_TTL_MS, the bound the public verification cache uses too.
 */
export const CONTENT_TTL_MS = 60_000;
export const PROGRESS_TTL_MS = 2_000;
const MAX_COURSES = 500;
/** Citizens whose progress is kept (the oldest first out). */
const MAX_CITIZENS = 20_000;

/** A published course's content: everything of the lesson page that is the same for every trainee. */
export interface CourseContent {
  course: LessonPage['course'];
  /** The outline with every `completed` false (the trainee's marks are applied per request). */
  outline: OutlineModule[];
  /** Lesson ids in outline order (previous / next). */
  order: string[];
  lessons: Map<string, Omit<LessonPage['lesson'], 'completed'>>;
  /** The quiz's pass mark (percent) and its question bank by id (with the answers: server side only). */
  quiz: { passPercent: number; questions: Map<string, QuestionRow> };
}

export interface LessonProgress {
  enrolment: NonNullable<Awaited<ReturnType<typeof repo.lessonProgress>>>['enrolment'];
  completed: Set<string>;
  attempts: AttemptRow[];
  /** Lesson pages serialised from this entry (lesson id → UTF-8 JSON and its compressed forms), built on first use. */
  pages: Map<string, EncodedBody>;
}

interface Entry<T> {
  at: number;
  value: T;
}

interface NodeCaches {
  content: Map<string, Entry<CourseContent>>;
  /** Citizen id → course id → progress. */
  progress: Map<string, Map<string, Entry<LessonProgress>>>;
}

const perNode = new WeakMap<object, NodeCaches>();

function cachesOf(db: Kysely<DB>): NodeCaches {
  let c = perNode.get(db);
  if (!c) perNode.set(db, (c = { content: new Map(), progress: new Map() }));
  return c;
}

function fresh<T>(map: Map<string, Entry<T>>, key: string, ttlMs: number): T | undefined {
  const e = map.get(key);
  if (!e) return undefined;
  if (performance.now() - e.at > ttlMs) {
    map.delete(key);
    return undefined;
  }
  return e.value;
}

function put<T>(map: Map<string, Entry<T>>, key: string, value: T, max: number): void {
  if (map.size >= max) {
    const oldest = map.keys().next();
    if (!oldest.done) map.delete(oldest.value);
  }
  map.set(key, { at: performance.now(), value });
}

/**
 * The content of a published course, from memory or read once (4 queries). Undefined when the course is
 * unknown or not published. `db` names the node (the cache); a miss reads through `via` (a transaction
 * the caller holds, which on PGlite is the only connection), by default `db`.
 */
export async function publishedCourseContent(db: Kysely<DB>, courseId: string, via: Kysely<DB> = db): Promise<CourseContent | undefined> {
  const caches = cachesOf(db);
  const hit = fresh(caches.content, courseId, CONTENT_TTL_MS);
  if (hit) return hit;
  const course = await repo.findCourse(via, courseId);
  if (!course || course.status !== 'published') return undefined;
  const [rows, lessons, bank] = await Promise.all([repo.outline(via, courseId, null), repo.lessonsOfCourse(via, courseId), repo.questions(via, courseId)]);
  const outline = toOutline(rows);
  const content: CourseContent = {
    course: { id: course.id, title: { ar: course.title_ar, en: course.title_en }, centre: { ar: course.centre_name_ar, en: course.centre_name_en } },
    outline,
    order: outline.flatMap((m) => m.lessons.map((l) => l.id)),
    lessons: new Map(
      lessons.map((l) => [
        l.id,
        {
          id: l.id,
          title: { ar: l.title_ar, en: l.title_en },
          body: { ar: l.body_ar, en: l.body_en },
          videoUrl: l.video_url,
          file: l.media_type ? { mediaType: l.media_type, sizeBytes: Number(l.size_bytes) } : null,
          scorm: l.scorm_title ? { title: l.scorm_title } : null,
        },
      ]),
    ),
    quiz: { passPercent: course.quiz_pass_percent, questions: new Map(bank.map((q) => [q.id, q])) },
  };
  put(caches.content, courseId, content, MAX_COURSES);
  return content;
}

/**
 * The cached content of a published course, without reading the database: undefined on a miss (the
 * caller then takes publishedCourseContent). Lets the lesson page answer without a promise when
 * everything it needs is in memory.
 */
export function cachedCourseContent(db: Kysely<DB>, courseId: string): CourseContent | undefined {
  const c = perNode.get(db);
  return c && fresh(c.content, courseId, CONTENT_TTL_MS);
}

/** The cached progress of a citizen in a course (see lessonProgressOf), without reading the database: undefined on a miss. */
export function cachedLessonProgress(db: Kysely<DB>, citizenId: string, courseId: string): LessonProgress | undefined {
  const mine = perNode.get(db)?.progress.get(citizenId);
  return mine && fresh(mine, courseId, PROGRESS_TTL_MS);
}

/**
 * Drops a course's cached content and every trainee page built from it: call after a change to the
 * course (authoring, a state change) commits. Today a published course cannot be edited, so this is a
 * guard for any path that changes a course the cache may hold, not the rule that keeps it right.
 */
export function forgetCourseContent(db: Kysely<DB>, courseId: string): void {
  const c = perNode.get(db);
  if (!c) return;
  c.content.delete(courseId);
  for (const courses of c.progress.values()) courses.delete(courseId);
}

/** A citizen's progress in a course, from memory (≤ PROGRESS_TTL_MS old) or read in one query. Undefined when not enrolled. */
export async function lessonProgressOf(db: Kysely<DB>, citizenId: string, courseId: string): Promise<LessonProgress | undefined> {
  const caches = cachesOf(db);
  const mine = caches.progress.get(citizenId);
  const hit = mine && fresh(mine, courseId, PROGRESS_TTL_MS);
  if (hit) return hit;
  const row = await repo.lessonProgress(db, courseId, citizenId);
  if (!row) return undefined;
  const progress: LessonProgress = { ...row, pages: new Map() };
  let courses = caches.progress.get(citizenId);
  if (!courses) {
    if (caches.progress.size >= MAX_CITIZENS) {
      const oldest = caches.progress.keys().next();
      if (!oldest.done) caches.progress.delete(oldest.value);
    }
    caches.progress.set(citizenId, (courses = new Map<string, Entry<LessonProgress>>()));
  }
  put(courses, courseId, progress, MAX_COURSES);
  return progress;
}

/** Drops a citizen's cached progress (every course): call after their lesson completion or quiz attempt commits. */
export function forgetLessonProgress(db: Kysely<DB>, citizenId: string): void {
  perNode.get(db)?.progress.delete(citizenId);
}

/** The course outline with a trainee's completion marks. */
export function markedOutline(content: CourseContent, completed: ReadonlySet<string>): OutlineModule[] {
  return content.outline.map((m) => ({ ...m, lessons: m.lessons.map((l) => ({ ...l, completed: completed.has(l.id) })) }));
}
