/**
 * SCORM 1.2 lessons (issue 6 §1): upload of a package by the course's authors, launch of its SCOs (the
 * default organization's, in order, kept in scorm_scos; one at a time, by position) for an enrolled trainee
 * (or the course's training staff), serving its files to the sandboxed iframe, and the run-time data each
 * SCO commits (cmi.core.lesson_status, cmi.core.score.raw, cmi.core.lesson_location, cmi.suspend_data,
 * cmi.core.session_time), kept per SCO. The lesson completes when every SCO of the package has reported
 * `passed` or `completed` (for a one-SCO package: when that SCO does), through learning.service.ts
 * completeLesson, the per-lesson completion every lesson type uses.
 *
 * The iframe has an opaque origin (CSP `sandbox allow-scripts allow-forms`, no allow-same-origin), so its
 * requests carry no Rabt cookies (they are SameSite=Strict, and the frame is cross-site to itself). Package
 * files are therefore addressed by a launch token in the URL path: an HMAC-SHA256 (128 bits) over (package
 * id, learner, SCO position, expiry in ms), valid LAUNCH_TTL_MS, issued only to someone allowed to see the
 * lesson. The token grants the package's files (course content) and the learner's own saved state of that
 * SCO (for resume), nothing else; reports carry it, which names their SCO and their session.
 * Package files answer byte-range requests (RFC 9110 §14, files.ts interpretRange: 206, 416,
 * Accept-Ranges, If-Range), so video and audio inside a package can seek.
 *
 * cmi.core.total_time (SCORM 1.2 RTE §3.4.2.1.13): each launch is one session, named by its token's MAC.
 * The bootstrap reports cmi.core.session_time (CMITimespan, parsed strictly by scorm-time.ts) with the
 * launch token on every LMSCommit and LMSFinish; the API keeps each launch's last session time
 * (scorm_sessions, 0029) and moves the SCO's total (scorm_runtime.total_time_cs) by the difference, so a
 * session that commits several times, or commits then finishes, counts once, and two launches in turn (two
 * tabs) each count once. A launch counts at most the wall-clock time since it started plus a minute. The
 * next launch of that SCO seeds cmi.core.total_time with the total. Nested frames of a SCO get no API.
 *
 * Mastery scores and prerequisites (0030, read from the manifest by scorm-package.ts). A SCO whose item gives
 * adlcp:masteryscore gets it as cmi.student_data.mastery_score (read-only for the SCO); scorm-again's
 * `mastery_override` sets passed or failed from cmi.core.score.raw on LMSFinish, and the API applies the same
 * rule to the reports it stores (scorm-mastery.ts masteredStatus: on LMSFinish to any status, on LMSCommit to
 * a claimed passed, completed or failed) instead of trusting the reported status, so a SCO below its mastery
 * score is `failed` and does not complete the lesson. A SCO whose item gives
 * adlcp:prerequisites in the simple form (identifiers of earlier SCOs joined by `&`; any other expression is
 * no prerequisite) cannot be launched by a trainee until each SCO it requires is passed or completed (409
 * `scorm_sco_locked`; training staff preview any SCO); the check is at launch, so a launch made while the SCO
 * was open still reports. Other SCORM 1.2 sequencing (adlcp:maxtimeallowed, timelimitaction, datafromlms) is
 * not applied.
 */
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import type { ScormLaunch, ScormRuntimeReport, ScormRuntimeState, ScormSaveResult, ScormScoState, StaffCourse } from '@rabt/contracts';
import { SCORM_DONE_STATUSES, SCORM_PACKAGE_LIMITS } from '@rabt/contracts';
import { AppError } from '../../http/errors.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Principal, StaffPrincipal } from '../../platform/auth/principal.ts';
import type { Config } from '../../platform/config.ts';
import type { DocumentStore } from '../uploads/document-store.ts';
import * as repo from './elearning.repository.ts';
import { AUTHORS, TRAINING_STAFF, courseOfLesson, editCourse, staffCourse, type ElearningDeps } from './elearning.service.ts';
import { forgetLessonProgress } from './course-cache.ts';
import { interpretRange } from './files.ts';
import { completeLesson } from './learning.service.ts';
import { readScormPackage, scormMediaType } from './scorm-package.ts';
import { masteredStatus } from './scorm-mastery.ts';
import { formatTimespan, parseTimespan } from './scorm-time.ts';
import * as scormRepo from './scorm.repository.ts';

export type ScormDeps = ElearningDeps & { store: DocumentStore };

/** How long a launch URL (and so the SCO's access to its files) stays valid: one long study session. */
export const LAUNCH_TTL_MS = 8 * 60 * 60 * 1000;
/** Where the routes are mounted (app.ts registers them under /api/v1). */
const API = '/api/v1';

// ---------------- Launch tokens ----------------

const processSecret = randomBytes(32);
function tokenKey(config: Pick<Config, 'cookieSecret'>): Buffer {
  // Derived from COOKIE_SECRET when set (every process of a node agrees), else from a per-process secret.
  return createHmac('sha256', config.cookieSecret ?? processSecret).update('rabt scorm launch token v1').digest();
}

/** A UUID as 22 base64url characters (its 16 bytes), to keep the token under the router's 100-character path parameter limit. */
const packUuid = (id: string): string => Buffer.from(id.replace(/-/g, ''), 'hex').toString('base64url');
const unpackUuid = (s: string): string => Buffer.from(s, 'base64url').toString('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');

/**
 * `<package id>.<enrolment id | "staff">.<SCO position, base 36>.<expiry, Unix milliseconds, base 36>.<HMAC-SHA256 truncated to 128 bits>`,
 * ids and MAC in base64url (about 80 characters). The expiry is kept to the millisecond so that two launches
 * are two tokens: the MAC then names the launch (one SCORM session, for cmi.core.total_time).
 */
export const LAUNCH_TOKEN = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22}|staff)\.([0-9a-z]{1,2})\.([0-9a-z]{1,9})\.([A-Za-z0-9_-]{22})$/;

const mac = (config: Pick<Config, 'cookieSecret'>, body: string): Buffer => createHmac('sha256', tokenKey(config)).update(body).digest().subarray(0, 16);

export function signLaunchToken(config: Pick<Config, 'cookieSecret'>, packageId: string, learner: string, expiresAt: Date, sco = 0): string {
  const body = `${packUuid(packageId)}.${learner === 'staff' ? 'staff' : packUuid(learner)}.${sco.toString(36)}.${expiresAt.getTime().toString(36)}`;
  return `${body}.${mac(config, body).toString('base64url')}`;
}

/** The package, learner, SCO, expiry and MAC of a token whose MAC is valid (expired or not). 403 `scorm_launch_expired` otherwise. */
function readLaunchToken(config: Pick<Config, 'cookieSecret'>, token: string): { packageId: string; enrolmentId: string | null; sco: number; expiresAt: number; key: string } {
  const m = LAUNCH_TOKEN.exec(token);
  if (!m) throw new AppError('scorm_launch_expired');
  const [, pkg, learner, sco, exp, sig] = m as unknown as [string, string, string, string, string, string];
  const expected = mac(config, `${pkg}.${learner}.${sco}.${exp}`);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new AppError('scorm_launch_expired');
  return { packageId: unpackUuid(pkg), enrolmentId: learner === 'staff' ? null : unpackUuid(learner), sco: parseInt(sco, 36), expiresAt: parseInt(exp, 36), key: sig };
}

/** The package, learner (an enrolment id, or null for staff) and SCO position of a valid, unexpired token. 403 `scorm_launch_expired` otherwise. */
export function verifyLaunchToken(config: Pick<Config, 'cookieSecret'>, token: string, now: Date): { packageId: string; enrolmentId: string | null; sco: number } {
  const t = readLaunchToken(config, token);
  if (t.expiresAt <= now.getTime()) throw new AppError('scorm_launch_expired');
  return { packageId: t.packageId, enrolmentId: t.enrolmentId, sco: t.sco };
}

// ---------------- Upload ----------------

/**
 * Reads the raw .zip body, refusing it before reading when Content-Length is over the limit and as soon
 * as it grows past it. 413 `scorm_too_large`.
 */
export async function readZipBody(body: unknown, declaredLength: number | undefined): Promise<Buffer> {
  // A body some other parser took (JSON, say), or none at all, is not a zip.
  if (!isReadable(body)) throw new AppError('scorm_not_zip');
  if (declaredLength !== undefined && declaredLength > SCORM_PACKAGE_LIMITS.zipBytes) {
    body.resume();
    throw new AppError('scorm_too_large');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > SCORM_PACKAGE_LIMITS.zipBytes) {
      body.destroy();
      throw new AppError('scorm_too_large');
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function isReadable(body: unknown): body is Readable {
  return typeof body === 'object' && body !== null && typeof (body as Readable)[Symbol.asyncIterator] === 'function' && typeof (body as Readable).resume === 'function';
}

/** Runs `fn` on every item, at most `width` at a time. */
async function eachLimited<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

/**
 * Makes the .zip the lesson's SCORM package (replacing the previous one): checked (scorm-package.ts),
 * its kept files stored one by one in the upload store, then recorded with the lesson in one transaction
 * (draft or returned course, the caller authoring for its centre: elearning.service.ts editCourse).
 * Nothing stays in the store when any step refuses; the replaced package's files are removed after commit.
 * Errors: those of readScormPackage, 403 `forbidden` | `out_of_scope`, 404 `lesson_not_found`, 409 `course_not_editable`.
 */
export async function uploadScormPackage(deps: ScormDeps, staff: StaffPrincipal, lessonId: string, zip: Buffer): Promise<StaffCourse> {
  if (!AUTHORS.includes(staff.role)) throw new AppError('forbidden');
  const courseId = await courseOfLesson(deps, lessonId);
  // Refuse early what editCourse would refuse anyway (it checks again under the course lock), before unzipping.
  const course = await repo.findCourse(deps.db, courseId);
  if (course && course.centre_id !== staff.trainingCentreId) throw new AppError('out_of_scope');
  if (course && course.status !== 'draft' && course.status !== 'returned') throw new AppError('course_not_editable');
  const pkg = await readScormPackage(zip);
  const stored: { path: string; storageId: string; mediaType: string; size: number }[] = [];
  const entries = [...pkg.files].map(([path, bytes]) => ({ path, bytes, mediaType: scormMediaType(path) ?? 'application/xml' }));
  const id = randomUUID();
  let replaced: string[] = [];
  try {
    await eachLimited(entries, 8, async (e) => {
      const storageId = randomUUID();
      await deps.store.put(storageId, Buffer.from(e.bytes.buffer, e.bytes.byteOffset, e.bytes.byteLength), e.mediaType);
      stored.push({ path: e.path, storageId, mediaType: e.mediaType, size: e.bytes.byteLength });
    });
    const sha256 = createHash('sha256').update(zip).digest('hex');
    await editCourse(
      deps,
      staff,
      courseId,
      'course.lesson_scorm_uploaded',
      async (trx, now) => {
        const old = await scormRepo.packageOfLesson(trx, lessonId);
        if (old) {
          replaced = (await scormRepo.storageIdsOf(trx, old.id)).map((r) => r.storage_id);
          await trx.deleteFrom('scorm_packages').where('id', '=', old.id).execute();
        }
        await trx
          .insertInto('scorm_packages')
          .values({ id, lesson_id: lessonId, title: pkg.title, launch_href: pkg.launchHref, file_count: stored.length, size_bytes: pkg.keptBytes, sha256, created_by: staff.staffId, created_at: now })
          .execute();
        await trx
          .insertInto('scorm_scos')
          .values(pkg.scos.map((sco, position) => ({ package_id: id, position, identifier: sco.identifier, title: sco.title, launch_href: sco.launchHref, mastery_score: sco.masteryScore })))
          .execute();
        const prerequisites = pkg.scos.flatMap((sco, position) => sco.prerequisites.map((requires) => ({ package_id: id, position, requires })));
        if (prerequisites.length > 0) await trx.insertInto('scorm_sco_prerequisites').values(prerequisites).execute();
        for (let i = 0; i < stored.length; i += 500) {
          await trx
            .insertInto('scorm_package_files')
            .values(stored.slice(i, i + 500).map((f) => ({ package_id: id, path: f.path, storage_id: f.storageId, media_type: f.mediaType, size_bytes: f.size })))
            .execute();
        }
      },
      {
        lessonId,
        packageId: id,
        title: pkg.title,
        launchHref: pkg.launchHref,
        scos: pkg.scos.length,
        masteryScores: pkg.scos.filter((sco) => sco.masteryScore !== null).length,
        prerequisites: pkg.scos.filter((sco) => sco.prerequisites.length > 0).length,
        ignoredPrerequisites: pkg.ignoredPrerequisites,
        files: stored.length,
        skippedFiles: pkg.skipped,
        sizeBytes: pkg.keptBytes,
      },
    );
  } catch (err) {
    await Promise.allSettled(stored.map((f) => deps.store.delete(f.storageId)));
    throw err;
  }
  await Promise.allSettled(replaced.map((s) => deps.store.delete(s)));
  return staffCourse(deps, staff, courseId);
}

// ---------------- Launch ----------------

function runtimeState(r: Awaited<ReturnType<typeof scormRepo.runtimeOf>>): ScormRuntimeState | null {
  if (!r) return null;
  return {
    lessonStatus: r.lesson_status,
    scoreRaw: r.score_raw === null ? null : Number(r.score_raw),
    lessonLocation: r.lesson_location,
    suspendData: r.suspend_data,
    totalTime: formatTimespan(Number(r.total_time_cs)),
    updatedAt: r.updated_at.toISOString(),
  };
}

/** The launch URL of a package for a learner: its launch file under the token, each path segment percent-encoded. */
function launchUrl(token: string, launchHref: string): string {
  const cut = launchHref.search(/[?#]/);
  const path = cut >= 0 ? launchHref.slice(0, cut) : launchHref;
  return `${API}/elearning/scorm/${token}/${path.split('/').map(encodeURIComponent).join('/')}${cut >= 0 ? launchHref.slice(cut) : ''}`;
}

const isDone = (status: string | null | undefined): boolean => SCORM_DONE_STATUSES.includes(status as ScormRuntimeReport['lessonStatus']);

/**
 * Each SCO of the package with the enrolment's last status there, its mastery score, the SCOs it requires
 * and whether it is locked: some required SCO not yet passed or completed by the enrolment (statuses null and
 * nothing locked for staff).
 */
async function scoStates(db: ScormDeps['db'], packageId: string, enrolmentId: string | null, lessonId: string): Promise<ScormScoState[]> {
  const scos = await scormRepo.scosOf(db, packageId);
  const prerequisites = await scormRepo.prerequisitesOf(db, packageId);
  const statuses = enrolmentId ? await scormRepo.statusesOf(db, enrolmentId, lessonId) : [];
  const statusOf = (position: number) => (statuses.find((r) => r.sco === position)?.lesson_status as ScormScoState['lessonStatus'] | undefined) ?? null;
  return scos.map((s) => {
    const requires = prerequisites.filter((p) => p.position === s.position).map((p) => p.requires);
    return {
      position: s.position,
      title: s.title,
      lessonStatus: statusOf(s.position),
      masteryScore: s.mastery_score === null ? null : Number(s.mastery_score),
      requires,
      locked: enrolmentId !== null && requires.some((r) => !isDone(statusOf(r))),
    };
  });
}

/**
 * Launches a SCO of the lesson's package (`sco`: its position, 0 the first): for a trainee enrolled in the
 * published course (with their saved run-time data for that SCO), or for the course's training staff
 * (centre staff their centre's courses, HQ training every course; no saved data: staff runs are not
 * recorded). Lists every SCO with the trainee's status and locks. A trainee cannot launch a SCO whose
 * prerequisites (adlcp:prerequisites, simple form) they have not all passed or completed: 409
 * `scorm_sco_locked`, its detail naming the parts to finish first; staff may. 401, 403 `not_enrolled` |
 * `forbidden` | `out_of_scope`, 404 `lesson_not_found` | `scorm_package_not_found` | `scorm_sco_not_found`,
 * 409 `scorm_sco_locked`.
 */
export async function launchScorm(deps: ScormDeps, principal: Principal, lessonId: string, sco = 0): Promise<ScormLaunch> {
  if (principal.kind === 'anonymous') throw new AppError('unauthenticated');
  const lesson = await deps.db.selectFrom('lessons as l').innerJoin('courses as c', 'c.id', 'l.course_id').select(['l.course_id', 'c.status', 'c.centre_id']).where('l.id', '=', lessonId).executeTakeFirst();
  if (!lesson) throw new AppError('lesson_not_found');
  let enrolmentId: string | null = null;
  if (principal.kind === 'citizen') {
    if (lesson.status !== 'published') throw new AppError('lesson_not_found');
    const e = await repo.findEnrolment(deps.db, lesson.course_id, principal.citizenId);
    if (!e) throw new AppError('not_enrolled');
    enrolmentId = e.id;
  } else if (principal.kind === 'staff') {
    if (!TRAINING_STAFF.includes(principal.role)) throw new AppError('forbidden');
    if (principal.role !== 'training_hq' && principal.trainingCentreId !== lesson.centre_id) throw new AppError('out_of_scope');
  } else throw new AppError('forbidden');
  const pkg = await scormRepo.packageOfLesson(deps.db, lessonId);
  if (!pkg) throw new AppError('scorm_package_not_found');
  const scos = await scoStates(deps.db, pkg.id, enrolmentId, lessonId);
  const launched = (await scormRepo.scosOf(deps.db, pkg.id)).find((s) => s.position === sco);
  if (!launched) throw new AppError('scorm_sco_not_found');
  const state = scos.find((s) => s.position === sco)!;
  if (state.locked) {
    const first = state.requires.filter((r) => !isDone(scos.find((s) => s.position === r)?.lessonStatus)).map((r) => JSON.stringify(scos.find((s) => s.position === r)?.title ?? String(r)));
    throw new AppError('scorm_sco_locked', { detail: `Pass or complete first: ${first.join(', ')}.` });
  }
  const expiresAt = new Date(deps.clock().getTime() + LAUNCH_TTL_MS);
  const token = signLaunchToken(deps.config, pkg.id, enrolmentId ?? 'staff', expiresAt, sco);
  return {
    title: scos.length > 1 ? `${pkg.title} — ${launched.title}` : pkg.title,
    launchUrl: launchUrl(token, launched.launch_href),
    expiresAt: expiresAt.toISOString(),
    runtime: enrolmentId ? runtimeState(await scormRepo.runtimeOf(deps.db, enrolmentId, lessonId, sco)) : null,
    sco,
    scos,
  };
}

// ---------------- Serving the package ----------------

const runtimeRequire = createRequire(import.meta.url);
let scorm12Script: Buffer | undefined;
/** scorm-again's SCORM 1.2 run-time (dist/scorm12.min.js, a classic script defining `Scorm12API`), read once. */
export function scorm12RuntimeScript(): Buffer {
  return (scorm12Script ??= readFileSync(runtimeRequire.resolve('scorm-again/scorm12/min')));
}

/**
 * The tags put at the start of every HTML file of a package: scorm-again's SCORM 1.2 API, then the
 * launch's bootstrap (which seeds it and makes it `window.API`), both before any script of the package.
 */
function runtimeTags(token: string): string {
  return `<script src="${API}/elearning/scorm-runtime/scorm12.js"></script><script src="${API}/elearning/scorm-boot/${token}"></script>`;
}

/**
 * Inserts `tags` after the opening <head> (else <html>, else the doctype, else at the very start), working
 * on the bytes as latin1 so a page in any ASCII-compatible encoding keeps every byte.
 */
export function injectIntoHtml(html: Buffer, tags: string): Buffer {
  const s = html.toString('latin1');
  const m = /<head(\s[^>]*)?>/i.exec(s) ?? /<html(\s[^>]*)?>/i.exec(s) ?? /<!doctype[^>]*>/i.exec(s);
  const at = m ? m.index + m[0].length : 0;
  return Buffer.from(s.slice(0, at) + tags + s.slice(at), 'latin1');
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** A package file as the files route sends it (RFC 9110 §14: 200 whole, 206 one range, 416 unsatisfiable). */
export type PackageFileAnswer =
  | { status: 200; mediaType: string; etag: string; size: number; body: Buffer | Readable }
  | { status: 206; mediaType: string; etag: string; size: number; start: number; end: number; body: Buffer | Readable }
  | { status: 416; mediaType: string; etag: string; size: number };

/**
 * A file of a launched package, whole or one byte range (so video and audio in a package can seek).
 * `range`/`ifRange` are the request's Range and If-Range headers, read by files.ts interpretRange (RFC 9110
 * §14; a last-byte-pos past the end is clamped). HTML comes back as bytes with the run-time injected (and
 * charset=utf-8 when the bytes are valid UTF-8: the injected tags could push a late <meta charset> out of
 * the first 1024 bytes browsers scan), its ranges cut from those bytes, its strong ETag their SHA-256 (the
 * bytes differ per launch); anything else streams from the upload store, only the asked range read, its
 * strong ETag the storage id (stored bytes never change under an id). Sizes in bytes.
 * 403 `scorm_launch_expired`, 404 `not_found`.
 */
export async function packageFile(deps: ScormDeps, token: string, path: string, request: { range?: string; ifRange?: string } = {}): Promise<PackageFileAnswer> {
  const { packageId } = verifyLaunchToken(deps.config, token, deps.clock());
  const file = await scormRepo.findFile(deps.db, packageId, path);
  if (!file) throw new AppError('not_found');
  if (file.media_type !== 'text/html') {
    const etag = `"${file.storage_id.replace(/-/g, '')}"`;
    const size = file.size_bytes;
    const range = interpretRange(request.range, request.ifRange, etag, size);
    if (range.kind === 'unsatisfiable') return { status: 416, mediaType: file.media_type, etag, size };
    if (range.kind === 'partial') return { status: 206, mediaType: file.media_type, etag, size, start: range.start, end: range.end, body: await deps.store.get(file.storage_id, range) };
    return { status: 200, mediaType: file.media_type, etag, size, body: await deps.store.get(file.storage_id) };
  }
  const chunks: Buffer[] = [];
  for await (const c of (await deps.store.get(file.storage_id)) as AsyncIterable<Buffer>) chunks.push(c);
  const html = injectIntoHtml(Buffer.concat(chunks), runtimeTags(token));
  const mediaType = isUtf8(html) ? 'text/html; charset=utf-8' : 'text/html';
  const etag = `"${createHash('sha256').update(html).digest('hex').slice(0, 32)}"`;
  const range = interpretRange(request.range, request.ifRange, etag, html.length);
  if (range.kind === 'unsatisfiable') return { status: 416, mediaType, etag, size: html.length };
  if (range.kind === 'partial') return { status: 206, mediaType, etag, size: html.length, start: range.start, end: range.end, body: html.subarray(range.start, range.end + 1) };
  return { status: 200, mediaType, etag, size: html.length, body: html };
}

/**
 * The launch's bootstrap script: creates scorm-again's Scorm12API in the SCO's window (the SCORM 1.2 API
 * discovery algorithm looks there first), loads the learner's saved data for the launched SCO (the
 * token's) into it before LMSInitialize (cmi.core.entry "resume" when there is something to resume;
 * cmi.core.total_time the SCO's accumulated time; cmi.student_data.mastery_score the item's
 * adlcp:masteryscore, "" when none, with scorm-again's `mastery_override` on: on LMSFinish, with credit, it
 * sets passed or failed from cmi.core.score.raw), and on every LMSCommit and LMSFinish posts the data Rabt
 * keeps, cmi.core.session_time and the launch token to the parent window (the lesson page checks that the
 * message comes from its iframe).
 * Only the SCO's top document gets an API: nested frames of a SCO are not supported. 403 `scorm_launch_expired`.
 */
export async function bootstrapScript(deps: ScormDeps, token: string): Promise<string> {
  const { enrolmentId, packageId, sco } = verifyLaunchToken(deps.config, token, deps.clock());
  const pkg = await scormRepo.packageById(deps.db, packageId);
  if (!pkg) throw new AppError('scorm_launch_expired');
  const saved = enrolmentId ? await scormRepo.runtimeOf(deps.db, enrolmentId, pkg.lesson_id, sco) : undefined;
  const item = (await scormRepo.scosOf(deps.db, packageId)).find((s) => s.position === sco);
  const resume = Boolean(saved && (saved.suspend_data || saved.lesson_location));
  const cmi = {
    core: {
      // The learner id the SCO sees is the enrolment id, never a national ID; no name is given to third-party content.
      student_id: enrolmentId ?? 'staff-preview',
      lesson_status: saved?.lesson_status ?? 'not attempted',
      lesson_location: saved?.lesson_location ?? '',
      entry: resume ? 'resume' : 'ab-initio',
      score: { raw: saved?.score_raw === null || saved?.score_raw === undefined ? '' : String(Number(saved.score_raw)) },
      // The sum of the earlier sessions' cmi.core.session_time (SCORM 1.2 RTE §3.4.2.1.13), read-only for the SCO.
      total_time: formatTimespan(saved ? Number(saved.total_time_cs) : 0),
      lesson_mode: 'normal',
      credit: enrolmentId ? 'credit' : 'no-credit',
    },
    suspend_data: saved?.suspend_data ?? '',
    // Read-only for the SCO once initialized (scorm-again answers 403 to LMSSetValue).
    student_data: { mastery_score: item?.mastery_score === null || item?.mastery_score === undefined ? '' : String(Number(item.mastery_score)) },
  };
  return `(function (cmi, token) {
  'use strict';
  if (window.parent === window || window.parent !== window.top || typeof window.Scorm12API !== 'function' || window.API) return;
  var api = new window.Scorm12API({ autocommit: false, lmsCommitUrl: false, logLevel: 5, mastery_override: true });
  api.loadFromJSON(cmi, 'cmi');
  function report(finished) {
    var c = api.cmi;
    // session_time is write-only for the SCO; scorm-again's toJSON is its documented way to read it.
    var sessionTime = String(c.core.toJSON().session_time || '');
    window.parent.postMessage({ type: 'rabt-scorm-1.2', report: { lessonStatus: String(c.core.lesson_status), scoreRaw: String(c.core.score.raw), lessonLocation: String(c.core.lesson_location), suspendData: String(c.suspend_data), finished: finished, sessionTime: sessionTime, launch: token } }, '*');
  }
  api.on('LMSCommit', function () { report(false); });
  api.on('LMSFinish', function () { report(true); });
  window.API = api;
})(${JSON.stringify(cmi)}, ${JSON.stringify(token)});
`;
}

// ---------------- Run-time data ----------------

/**
 * The launch a report comes from (its token: the SCO, and the session its time belongs to) and that time in
 * centiseconds (null when the SCO reported none). A report without a launch is the first SCO's, with no
 * time. A given token must be this enrolment's for the lesson's package (expired or not: a commit may
 * arrive after the 8 hours). The time must be a strict CMITimespan and needs the launch; it is capped at
 * the wall-clock time since that launch (plus a minute for clock differences), so a launch never counts
 * more than it lasted. 400 `scorm_session_time_invalid`, 403 `scorm_launch_expired` (a forged token or
 * another trainee's).
 */
function launchOfReport(deps: ScormDeps, report: ScormRuntimeReport, enrolmentId: string, packageId: string, now: Date): { sco: number; session: { launchKey: string; sessionCs: number } | null } {
  const launch = report.launch ? readLaunchToken(deps.config, report.launch) : null;
  if (launch && (launch.enrolmentId !== enrolmentId || launch.packageId !== packageId)) throw new AppError('scorm_launch_expired');
  if (report.sessionTime === undefined || report.sessionTime === '') return { sco: launch?.sco ?? 0, session: null };
  const sessionCs = parseTimespan(report.sessionTime);
  if (sessionCs === null) throw new AppError('scorm_session_time_invalid', { detail: `cmi.core.session_time "${report.sessionTime.slice(0, 32)}" is not HHHH:MM:SS.SS.` });
  if (!launch) throw new AppError('scorm_session_time_invalid', { detail: 'A session time needs the launch it belongs to.' });
  // Whole seconds since the launch, plus the minute of slack.
  const elapsedCs = Math.max(0, Math.floor((now.getTime() - (launch.expiresAt - LAUNCH_TTL_MS)) / 1000) + 60) * 100;
  return { sco: launch.sco, session: { launchKey: launch.key, sessionCs: Math.min(sessionCs, elapsedCs) } };
}

/**
 * Saves what the trainee's SCO committed (validated by ScormRuntimeReport: SCORM 1.2 vocabularies and
 * lengths) for their enrolment, the lesson and the SCO its launch token names (the first without one).
 * When the SCO's item has a mastery score and the report a score, the status stored is the LMS's, not the
 * reported one (scorm-mastery.ts masteredStatus: passed when score ≥ mastery score, else failed; on LMSCommit
 * only for a reported passed, completed or failed).
 * The lesson completes (idempotent, may complete the course) when every SCO of the package has reported
 * `passed` or `completed` (a later other status of a SCO does not undo a completed lesson).
 * cmi.core.session_time accumulates into the SCO's cmi.core.total_time per launch: each launch's last
 * reported session time counts once (scorm.repository.ts recordSessionTime), so a SCO committing many
 * times in one session, or LMSCommit then LMSFinish, adds its time once; a report without a session time
 * leaves the total as it was. Everything is checked before anything is written.
 * 400 `scorm_session_time_invalid`, 403 `scorm_launch_expired`, 404 `enrolment_not_found` (another
 * trainee's too) | `lesson_not_found` | `scorm_package_not_found` | `scorm_sco_not_found`.
 */
export async function saveScormRuntime(deps: ScormDeps, citizenId: string, enrolmentId: string, lessonId: string, report: ScormRuntimeReport): Promise<ScormSaveResult> {
  const now = deps.clock();
  let completed = false;
  let allDone = false;
  let sco = 0;
  let packageId = '';
  let status = report.lessonStatus;
  await deps.db.transaction().execute(async (trx) => {
    const e = await repo.lockEnrolment(trx, enrolmentId, citizenId);
    if (!e) throw new AppError('enrolment_not_found');
    const l = await trx.selectFrom('lessons').select('course_id').where('id', '=', lessonId).executeTakeFirst();
    if (!l || l.course_id !== e.course_id) throw new AppError('lesson_not_found');
    const pkg = await scormRepo.packageOfLesson(trx, lessonId);
    if (!pkg) throw new AppError('scorm_package_not_found');
    packageId = pkg.id;
    const launch = launchOfReport(deps, report, e.id, pkg.id, now);
    sco = launch.sco;
    const scos = await scormRepo.scosOf(trx, pkg.id);
    const item = scos.find((s) => s.position === sco);
    if (!item) throw new AppError('scorm_sco_not_found');
    status = masteredStatus(report.lessonStatus, report.scoreRaw, item.mastery_score === null ? null : Number(item.mastery_score), report.finished);
    const row = {
      lesson_status: status,
      score_raw: report.scoreRaw === '' ? null : report.scoreRaw,
      lesson_location: report.lessonLocation,
      suspend_data: report.suspendData,
      updated_at: now,
    };
    await trx
      .insertInto('scorm_runtime')
      .values({ enrolment_id: e.id, lesson_id: lessonId, sco, ...row })
      .onConflict((oc) => oc.columns(['enrolment_id', 'lesson_id', 'sco']).doUpdateSet(row))
      .execute();
    if (launch.session) await scormRepo.recordSessionTime(trx, e.id, lessonId, sco, launch.session.launchKey, launch.session.sessionCs, now);
    if (report.finished) {
      await appendAudit(
        trx,
        { kind: 'citizen', id: citizenId },
        { action: 'elearning.scorm_finished', subjectType: 'enrolment', subjectId: e.id, details: { lessonId, sco, lessonStatus: status, ...(status !== report.lessonStatus ? { reportedStatus: report.lessonStatus } : {}), scoreRaw: row.score_raw, sessionTime: launch.session ? formatTimespan(launch.session.sessionCs) : null } },
        now,
      );
    }
    const statuses = await scormRepo.statusesOf(trx, e.id, lessonId);
    allDone = scos.every((s) => statuses.some((r) => r.sco === s.position && isDone(r.lesson_status)));
    completed = Boolean(await trx.selectFrom('lesson_completions').select('lesson_id').where('enrolment_id', '=', e.id).where('lesson_id', '=', lessonId).executeTakeFirst());
  });
  forgetLessonProgress(deps.db, citizenId);
  let nextLessonId: string | null = null;
  if (isDone(status) && allDone) {
    nextLessonId = (await completeLesson(deps, citizenId, enrolmentId, lessonId, 'sco')).nextLessonId;
    completed = true;
  }
  const runtime = runtimeState(await scormRepo.runtimeOf(deps.db, enrolmentId, lessonId, sco))!;
  return { runtime, lessonCompleted: completed, nextLessonId, scos: await scoStates(deps.db, packageId, enrolmentId, lessonId) };
}
