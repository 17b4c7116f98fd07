import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CourseDetail, LessonPage, ScormLaunch, ScormSaveResult, StaffCourse } from '@rabt/contracts';
import { registerCitizen, signInStaff } from '../../testing/factories.ts';
import type { TestClient } from '../../testing/test-client.ts';
import { createTestNode, testTargets, type TestNode } from '../../testing/test-node.ts';
import { courseBody, TRUE_FALSE_QUESTION } from './test-fixtures.ts';
import { runSco, SCO_HTML, scormManifest, scormZip } from './scorm-fixtures.ts';

/**
 * SCORM 1.2 lessons on the API (issue 6 §1): a trainer uploads a package generated here (a 2004 package
 * and a non-zip are refused, with nothing stored), the course is published, a trainee launches the SCO.
 * The SCO's files are fetched without cookies (as the sandboxed frame does) and its page really runs in a
 * VM context with the served run-time (scorm-again) and bootstrap: what it posts to the parent window is
 * saved like the lesson page saves it, and `passed` completes the lesson. Resume, validation of what a
 * SCO sends, the security headers, range requests on package files (a video seeks), cmi.core.total_time
 * (session times accumulated once per launch, read back at the next launch), expired and forged tokens,
 * and who may launch are checked too.
 */

/** A video inside the package: 1,000 distinct-enough bytes, so every served range can be compared. */
const VIDEO = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 7) % 251));

for (const target of testTargets()) {
  describe(`SCORM 1.2 lessons (${target})`, () => {
    let t: TestNode;
    let dataDir: string;
    let trainer: TestClient;
    let courseId: string;
    let lessonId: string;
    let trainee: TestClient;
    let traineeLogin: { nationalId: string; password: string };
    let enrolmentId: string;
    let launch: ScormLaunch;
    const uploads = () => {
      try {
        return readdirSync(join(dataDir, 'EG', 'uploads'), { recursive: true }).filter((f) => String(f).includes('-'));
      } catch {
        return [];
      }
    };

    before(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'rabt-scorm-'));
      t = await createTestNode(target, { DATA_DIR: dataDir });
      trainer = t.client();
      await signInStaff(t, trainer, 'trainer');
      const created = await trainer.post('/api/v1/training/courses', courseBody({ titleAr: 'السلامة التفاعلية', titleEn: 'Interactive safety' }));
      assert.equal(created.statusCode, 201, created.body);
      courseId = created.json<StaffCourse>().id;
      const m = await trainer.post(`/api/v1/training/courses/${courseId}/modules`, { titleAr: 'الوحدة', titleEn: 'Module' });
      const moduleId = m.json<StaffCourse>().modules[0]!.id;
      for (const n of [1, 2]) {
        const l = await trainer.post(`/api/v1/training/courses/${courseId}/lessons`, { moduleId, titleAr: `درس ${n}`, titleEn: `Lesson ${n}`, bodyAr: 'نص.', bodyEn: 'Text.', videoUrl: null });
        assert.equal(l.statusCode, 201, l.body);
      }
      lessonId = (await trainer.get(`/api/v1/training/courses/${courseId}`)).json<StaffCourse>().modules[0]!.lessons[0]!.id;
      assert.equal((await trainer.post(`/api/v1/training/courses/${courseId}/questions`, TRUE_FALSE_QUESTION)).statusCode, 201);
    });
    after(async () => {
      await t.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    test('a SCORM 2004 package and a non-zip are refused with stable codes in Arabic and English, and nothing is stored', async () => {
      const url = `/api/v1/training/lessons/${lessonId}/scorm`;
      const v2004 = await trainer.request('PUT', url, scormZip({ manifest: scormManifest({ schemaversion: '2004 4th Edition', scormType: 'scormType', namespace: 'http://www.adlnet.org/xsd/adlcp_v1p3' }) }), { 'content-type': 'application/zip' });
      assert.equal(v2004.statusCode, 422, v2004.body);
      const p = v2004.json<{ code: string; titles: { ar: string; en: string }; detail: string }>();
      assert.equal(p.code, 'scorm_version_unsupported');
      assert.match(p.titles.en, /Only SCORM 1\.2/);
      assert.match(p.titles.ar, /SCORM 1\.2/);
      assert.match(p.detail, /2004 4th Edition/);
      const pdf = await trainer.request('PUT', url, Buffer.from('%PDF-1.7 hello'), { 'content-type': 'application/octet-stream' });
      assert.equal(pdf.statusCode, 415, pdf.body);
      assert.equal(pdf.json<{ code: string }>().code, 'scorm_not_zip');
      const json = await trainer.request('PUT', url, { not: 'a zip' });
      assert.equal(json.statusCode, 415, json.body);
      assert.equal(json.json<{ code: string }>().code, 'scorm_not_zip');
      const huge = await trainer.request('PUT', url, Buffer.alloc(16), { 'content-type': 'application/zip', 'content-length': String(60 * 1024 * 1024) });
      assert.equal(huge.statusCode, 413, huge.body);
      const traversal = await trainer.request('PUT', url, scormZip({ extra: { '../../etc/cron.d/x.html': Buffer.from('x') } }), { 'content-type': 'application/zip' });
      assert.equal(traversal.json<{ code: string }>().code, 'scorm_unsafe_path');
      assert.deepEqual(uploads(), []);
      assert.equal((await t.node.deps.db.selectFrom('scorm_packages').select('id').execute()).length, 0);
    });

    test('the trainer uploads a SCORM 1.2 package: title and launch file recorded, files in the upload store; citizens may not upload', async () => {
      const url = `/api/v1/training/lessons/${lessonId}/scorm`;
      const other = t.client();
      await registerCitizen(t, other);
      assert.equal((await other.request('PUT', url, scormZip(), { 'content-type': 'application/zip' })).statusCode, 403);
      const ok = await trainer.request('PUT', url, scormZip({ extra: { 'notes.docx': Buffer.from('x') } }), { 'content-type': 'application/zip' });
      assert.equal(ok.statusCode, 200, ok.body);
      const scorm = ok.json<StaffCourse>().modules[0]!.lessons[0]!.scorm;
      assert.equal(scorm?.title, 'السلامة الكهربائية — وحدة تفاعلية');
      assert.equal(scorm?.launchHref, 'index.html');
      assert.equal(scorm?.fileCount, 3);
      assert.equal(scorm?.scoCount, 1);
      assert.equal(uploads().length, 3);
      // Uploading again replaces the package and removes the old files (this one carries a video).
      const again = await trainer.request('PUT', url, scormZip({ extra: { 'media/clip.mp4': VIDEO } }), { 'content-type': 'application/zip' });
      assert.equal(again.statusCode, 200, again.body);
      assert.equal(uploads().length, 4);
      assert.equal((await t.node.deps.db.selectFrom('scorm_packages').select('id').execute()).length, 1);

      const manager = t.client();
      await signInStaff(t, manager, 'centre.manager');
      assert.equal((await manager.post(`/api/v1/training/courses/${courseId}/submit`)).statusCode, 200);
      const hq = t.client();
      await signInStaff(t, hq, 'training.hq');
      assert.equal((await hq.post(`/api/v1/training/courses/${courseId}/approve`)).statusCode, 200);
      const late = await trainer.request('PUT', url, scormZip(), { 'content-type': 'application/zip' });
      assert.equal(late.statusCode, 409);
      assert.equal(late.json<{ code: string }>().code, 'course_not_editable');
      assert.equal(uploads().length, 4);
    });

    test('launch: an enrolled trainee gets a tokenised URL and no saved data yet; others are refused', async () => {
      const anonymous = await t.client().get(`/api/v1/elearning/lessons/${lessonId}/scorm/launch`);
      assert.equal(anonymous.statusCode, 401);
      trainee = t.client();
      traineeLogin = await registerCitizen(t, trainee);
      const notEnrolled = await trainee.get(`/api/v1/elearning/lessons/${lessonId}/scorm/launch`);
      assert.equal(notEnrolled.json<{ code: string }>().code, 'not_enrolled');
      const enrolled = await trainee.post(`/api/v1/elearning/courses/${courseId}/enrolments`);
      assert.equal(enrolled.statusCode, 201, enrolled.body);
      enrolmentId = enrolled.json<{ id: string }>().id;
      const res = await trainee.get(`/api/v1/elearning/lessons/${lessonId}/scorm/launch`);
      assert.equal(res.statusCode, 200, res.body);
      launch = res.json<ScormLaunch>();
      assert.match(launch.launchUrl, /^\/api\/v1\/elearning\/scorm\/[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}\.0\.[0-9a-z]+\.[A-Za-z0-9_-]{22}\/index\.html$/);
      assert.deepEqual({ sco: launch.sco, scos: launch.scos }, { sco: 0, scos: [{ position: 0, title: 'الوحدة الأولى', lessonStatus: null, masteryScore: null, requires: [], locked: false }] });
      assert.equal(launch.runtime, null);
      const page = (await trainee.get(`/api/v1/elearning/courses/${courseId}/lessons/${lessonId}`)).json<LessonPage>();
      assert.deepEqual(page.lesson.scorm, { title: 'السلامة الكهربائية — وحدة تفاعلية' });
      // Staff of the course's centre may preview (no saved data); the second lesson has no package.
      const preview = (await trainer.get(`/api/v1/elearning/lessons/${lessonId}/scorm/launch`)).json<ScormLaunch>();
      assert.ok(preview.launchUrl.includes('.staff.'));
      const secondLesson = page.nextLessonId!;
      assert.equal((await trainee.get(`/api/v1/elearning/lessons/${secondLesson}/scorm/launch`)).json<{ code: string }>().code, 'scorm_package_not_found');
    });

    test('package files are served without cookies under the token, sandboxed, with the run-time injected into HTML', async () => {
      const anonymous = t.client();
      const html = await anonymous.get(launch.launchUrl);
      assert.equal(html.statusCode, 200, html.body);
      assert.equal(html.headers['content-security-policy'], 'sandbox allow-scripts allow-forms');
      assert.equal(html.headers['x-content-type-options'], 'nosniff');
      assert.equal(html.headers['cross-origin-resource-policy'], 'cross-origin');
      assert.equal(html.headers['x-frame-options'], undefined);
      assert.equal(html.headers['content-type'], 'text/html; charset=utf-8');
      const token = launch.launchUrl.split('/')[5]!;
      const injected = `<head><script src="/api/v1/elearning/scorm-runtime/scorm12.js"></script><script src="/api/v1/elearning/scorm-boot/${token}"></script>`;
      assert.ok(html.body.startsWith(`<!DOCTYPE html>\n<html lang="ar" dir="rtl">\n${injected}\n<meta charset="utf-8">`), html.body.slice(0, 400));
      assert.ok(html.body.endsWith(SCO_HTML.slice(SCO_HTML.indexOf('<meta charset'))));
      const css = await anonymous.get(launch.launchUrl.replace('index.html', 'css/sco.css'));
      assert.equal(css.statusCode, 200);
      assert.equal(css.headers['content-type'], 'text/css; charset=utf-8');
      assert.equal(css.headers['content-security-policy'], 'sandbox allow-scripts allow-forms');
      // Case differences (packages authored on Windows) still find the file; unknown files and skipped types do not exist.
      assert.equal((await anonymous.get(launch.launchUrl.replace('index.html', 'CSS/SCO.css'))).statusCode, 200);
      assert.equal((await anonymous.get(launch.launchUrl.replace('index.html', 'notes.docx'))).statusCode, 404);
      assert.equal((await anonymous.get(launch.launchUrl.replace('index.html', '..%2Fimsmanifest.xml'))).statusCode, 404);
      const forged = launch.launchUrl.replace(/\.[A-Za-z0-9_-]{22}\//, `.${'A'.repeat(22)}/`);
      const refused = await anonymous.get(forged);
      assert.equal(refused.statusCode, 403);
      assert.equal(refused.json<{ code: string }>().code, 'scorm_launch_expired');
      const runtime = await anonymous.get('/api/v1/elearning/scorm-runtime/scorm12.js');
      assert.equal(runtime.statusCode, 200);
      assert.equal(runtime.headers['content-type'], 'text/javascript; charset=utf-8');
      assert.equal(runtime.headers['cross-origin-resource-policy'], 'cross-origin');
      assert.match(runtime.body, /Scorm12API/);
    });

    test('package files answer range requests (RFC 9110 §14): a video seeks with 206, a past-the-end last byte is clamped, a start past the end is 416', async () => {
      const anonymous = t.client();
      const url = launch.launchUrl.replace('index.html', 'media/clip.mp4');
      const whole = await anonymous.get(url);
      assert.equal(whole.statusCode, 200);
      assert.equal(whole.headers['accept-ranges'], 'bytes');
      assert.equal(whole.headers['content-type'], 'video/mp4');
      assert.equal(whole.headers['content-length'], '1000');
      assert.equal(whole.headers['content-security-policy'], 'sandbox allow-scripts allow-forms');
      assert.deepEqual(whole.rawPayload, VIDEO);
      const etag = String(whole.headers.etag);
      assert.match(etag, /^"[0-9a-f]{32}"$/);

      const part = await anonymous.request('GET', url, undefined, { range: 'bytes=100-199' });
      assert.equal(part.statusCode, 206);
      assert.equal(part.headers['content-range'], 'bytes 100-199/1000');
      assert.equal(part.headers['content-length'], '100');
      assert.equal(part.headers['accept-ranges'], 'bytes');
      assert.equal(part.headers['content-security-policy'], 'sandbox allow-scripts allow-forms');
      assert.deepEqual(part.rawPayload, VIDEO.subarray(100, 200));
      const open = await anonymous.request('GET', url, undefined, { range: 'bytes=990-' });
      assert.equal(open.headers['content-range'], 'bytes 990-999/1000');
      assert.deepEqual(open.rawPayload, VIDEO.subarray(990));
      const suffix = await anonymous.request('GET', url, undefined, { range: 'bytes=-10' });
      assert.equal(suffix.statusCode, 206);
      assert.deepEqual(suffix.rawPayload, VIDEO.subarray(990));
      const clamped = await anonymous.request('GET', url, undefined, { range: 'bytes=950-5000' });
      assert.equal(clamped.statusCode, 206);
      assert.equal(clamped.headers['content-range'], 'bytes 950-999/1000');
      assert.deepEqual(clamped.rawPayload, VIDEO.subarray(950));

      const outside = await anonymous.request('GET', url, undefined, { range: 'bytes=1000-' });
      assert.equal(outside.statusCode, 416);
      assert.equal(outside.headers['content-range'], 'bytes */1000');
      assert.equal(outside.json<{ code: string }>().code, 'range_not_satisfiable');
      // If-Range: the same ETag keeps the range, another one gets the whole file; several ranges too.
      assert.equal((await anonymous.request('GET', url, undefined, { range: 'bytes=0-3', 'if-range': etag })).statusCode, 206);
      assert.equal((await anonymous.request('GET', url, undefined, { range: 'bytes=0-3', 'if-range': '"stale"' })).statusCode, 200);
      assert.equal((await anonymous.request('GET', url, undefined, { range: 'bytes=0-3,10-20' })).statusCode, 200);

      // HTML is ranged over the bytes actually sent (the run-time injected).
      const html = await anonymous.get(launch.launchUrl);
      assert.equal(html.headers['accept-ranges'], 'bytes');
      const head = await anonymous.request('GET', launch.launchUrl, undefined, { range: 'bytes=0-14' });
      assert.equal(head.statusCode, 206);
      assert.equal(head.headers['content-range'], `bytes 0-14/${html.rawPayload.length}`);
      assert.equal(head.body, '<!DOCTYPE html>');
      assert.equal((await anonymous.request('GET', launch.launchUrl, undefined, { range: `bytes=${html.rawPayload.length}-` })).statusCode, 416);
    });

    test('the SCO runs with the served run-time: LMSInitialize/LMSSetValue/LMSCommit/LMSFinish reach the parent, saving "passed" completes the lesson', async () => {
      const anonymous = t.client();
      const runtimeJs = (await anonymous.get('/api/v1/elearning/scorm-runtime/scorm12.js')).body;
      const token = launch.launchUrl.split('/')[5]!;
      const boot = await anonymous.get(`/api/v1/elearning/scorm-boot/${token}`);
      assert.equal(boot.statusCode, 200);
      const run = runSco(runtimeJs, boot.body, (await anonymous.get(launch.launchUrl)).body);
      assert.equal(run.out, 'init=true resume=-@- total=00:00:00 commit=true finish=true cookie=empty parent=none');
      assert.equal(run.posted.length, 2);
      assert.deepEqual(run.posted.map((p) => p.type), ['rabt-scorm-1.2', 'rabt-scorm-1.2']);
      // The report carries cmi.core.session_time and the launch it belongs to (the token), for total_time.
      assert.deepEqual(run.posted[1]!.report, { lessonStatus: 'passed', scoreRaw: '90', lessonLocation: 'page-1', suspendData: 'visits=1', finished: true, sessionTime: '00:00:30', launch: token });

      const saveUrl = `/api/v1/elearning/enrolments/${enrolmentId}/lessons/${lessonId}/scorm`;
      const commit = await trainee.request('PUT', saveUrl, { ...run.posted[0]!.report, lessonStatus: 'incomplete' });
      assert.equal(commit.statusCode, 200, commit.body);
      assert.equal(commit.json<ScormSaveResult>().lessonCompleted, false);
      const finish = await trainee.request('PUT', saveUrl, run.posted[1]!.report);
      assert.equal(finish.statusCode, 200, finish.body);
      const saved = finish.json<ScormSaveResult>();
      assert.equal(saved.lessonCompleted, true);
      // LMSCommit then LMSFinish of one launch, each saying 30 s: the session counts once.
      assert.deepEqual({ ...saved.runtime, updatedAt: undefined }, { lessonStatus: 'passed', scoreRaw: 90, lessonLocation: 'page-1', suspendData: 'visits=1', totalTime: '00:00:30.00', updatedAt: undefined });
      assert.ok(saved.nextLessonId);
      const page = (await trainee.get(`/api/v1/elearning/courses/${courseId}/lessons/${lessonId}`)).json<LessonPage>();
      assert.equal(page.lesson.completed, true);
      assert.equal((await trainee.get(`/api/v1/elearning/courses/${courseId}`)).json<CourseDetail>().enrolment?.completedLessons, 1);
    });

    test('resume: the next launch carries the saved data, and the SCO reads it back as cmi.suspend_data, cmi.core.lesson_location and cmi.core.total_time', async () => {
      t.clock.advance(1); // another launch (its token differs to the millisecond), so another session
      const again = (await trainee.get(`/api/v1/elearning/lessons/${lessonId}/scorm/launch`)).json<ScormLaunch>();
      assert.equal(again.runtime?.suspendData, 'visits=1');
      assert.equal(again.runtime?.lessonLocation, 'page-1');
      assert.equal(again.runtime?.totalTime, '00:00:30.00');
      const anonymous = t.client();
      const token = again.launchUrl.split('/')[5]!;
      const boot = (await anonymous.get(`/api/v1/elearning/scorm-boot/${token}`)).body;
      assert.match(boot, /"entry":"resume"/);
      assert.match(boot, /"total_time":"00:00:30.00"/);
      const run = runSco((await anonymous.get('/api/v1/elearning/scorm-runtime/scorm12.js')).body, boot, (await anonymous.get(again.launchUrl)).body);
      assert.match(run.out, /^init=true resume=visits=1@page-1 total=00:00:30 /);
      assert.equal(run.posted[1]!.report.suspendData, 'visits=2');
      // This session's 30 s are added to the first one's, once, however often it commits.
      const saveUrl = `/api/v1/elearning/enrolments/${enrolmentId}/lessons/${lessonId}/scorm`;
      for (const report of [run.posted[0]!.report, run.posted[1]!.report, run.posted[1]!.report]) {
        assert.equal((await trainee.request('PUT', saveUrl, report)).json<ScormSaveResult>().runtime.totalTime, '00:01:00.00');
      }
      const third = (await trainee.get(`/api/v1/elearning/lessons/${lessonId}/scorm/launch`)).json<ScormLaunch>();
      assert.equal(third.runtime?.totalTime, '00:01:00.00');
    });

    test('what a SCO sends is validated against the SCORM 1.2 data model; only the trainee saves to their enrolment', async () => {
      const saveUrl = `/api/v1/elearning/enrolments/${enrolmentId}/lessons/${lessonId}/scorm`;
      const ok = { lessonStatus: 'incomplete', scoreRaw: '', lessonLocation: '', suspendData: '', finished: false };
      for (const bad of [{ suspendData: 'x'.repeat(4097) }, { lessonLocation: 'x'.repeat(256) }, { lessonStatus: 'done' }, { scoreRaw: '101' }, { scoreRaw: '-1' }, { extra: 1 }]) {
        const res = await trainee.request('PUT', saveUrl, { ...ok, ...bad });
        assert.equal(res.statusCode, 400, JSON.stringify(bad));
        assert.equal(res.json<{ code: string }>().code, 'validation_failed');
      }
      assert.equal((await trainee.request('PUT', saveUrl, { ...ok, suspendData: 'ش'.repeat(4096) })).statusCode, 200);
      const stranger = t.client();
      await registerCitizen(t, stranger);
      const theirs = await stranger.request('PUT', saveUrl, ok);
      assert.equal(theirs.statusCode, 404);
      assert.equal(theirs.json<{ code: string }>().code, 'enrolment_not_found');
      assert.equal((await trainer.request('PUT', saveUrl, ok)).statusCode, 403);
      // A later "incomplete" does not undo the completion.
      const page = (await trainee.get(`/api/v1/elearning/courses/${courseId}/lessons/${lessonId}`)).json<LessonPage>();
      assert.equal(page.lesson.completed, true);
    });

    test('cmi.core.session_time: a strict CMITimespan or 400 with nothing saved; each launch counts its last time once, capped at the time since the launch', async () => {
      const saveUrl = `/api/v1/elearning/enrolments/${enrolmentId}/lessons/${lessonId}/scorm`;
      const launchToken = async () => {
        t.clock.advance(1); // two launches are two sessions, even a millisecond apart
        return (await trainee.get(`/api/v1/elearning/lessons/${lessonId}/scorm/launch`)).json<ScormLaunch>().launchUrl.split('/')[5]!;
      };
      const state = async () => (await trainee.get(`/api/v1/elearning/lessons/${lessonId}/scorm/launch`)).json<ScormLaunch>().runtime!;
      const before = await state();
      assert.equal(before.totalTime, '00:01:00.00');
      const a = await launchToken();
      const report = { lessonStatus: 'incomplete', scoreRaw: '', lessonLocation: 'changed', suspendData: 'changed', finished: false, launch: a };

      for (const bad of ['1:00:00', '00:75:00', '00:00:60', '00:00:00.123', 'PT5M', '٠٠:٠٥:٠٠', '-00:05:00']) {
        const res = await trainee.request('PUT', saveUrl, { ...report, sessionTime: bad });
        assert.equal(res.statusCode, 400, bad);
        const p = res.json<{ code: string; titles: { ar: string; en: string } }>();
        assert.equal(p.code, 'scorm_session_time_invalid');
        assert.match(p.titles.en, /HHHH:MM:SS\.SS/);
        assert.match(p.titles.ar, /لم يُحفظ شيء/);
      }
      const noLaunch = await trainee.request('PUT', saveUrl, { ...report, launch: undefined, sessionTime: '00:05:00' });
      assert.equal(noLaunch.json<{ code: string }>().code, 'scorm_session_time_invalid');
      const preview = (await trainer.get(`/api/v1/elearning/lessons/${lessonId}/scorm/launch`)).json<ScormLaunch>().launchUrl.split('/')[5]!;
      const staffToken = await trainee.request('PUT', saveUrl, { ...report, launch: preview, sessionTime: '00:05:00' });
      assert.equal(staffToken.statusCode, 403);
      assert.equal(staffToken.json<{ code: string }>().code, 'scorm_launch_expired');
      const forged = await trainee.request('PUT', saveUrl, { ...report, launch: a.slice(0, -22) + 'A'.repeat(22), sessionTime: '00:05:00' });
      assert.equal(forged.statusCode, 403);
      const unchanged = await state();
      assert.deepEqual({ ...unchanged, updatedAt: '' }, { ...before, updatedAt: '' });

      // Two launches (two tabs) committing in turn: each counts its last session time, once.
      const b = await launchToken();
      t.clock.advance(10 * 60 * 1000);
      const save = async (launchKey: string, sessionTime: string) => {
        const res = await trainee.request('PUT', saveUrl, { ...report, launch: launchKey, sessionTime });
        assert.equal(res.statusCode, 200, res.body);
        return res.json<ScormSaveResult>().runtime.totalTime;
      };
      assert.equal(await save(a, '00:05:00'), '00:06:00.00');
      assert.equal(await save(b, '00:02:00.5'), '00:08:00.50');
      assert.equal(await save(a, '00:06:00'), '00:09:00.50');
      assert.equal(await save(b, '00:02:00.5'), '00:09:00.50');
      // A report without a session time leaves the total alone.
      assert.equal((await trainee.request('PUT', saveUrl, { ...report, launch: undefined })).json<ScormSaveResult>().runtime.totalTime, '00:09:00.50');
      // A session cannot last longer than its launch: 2 minutes after launch (plus a minute of slack), 2 hours count 3 minutes.
      const c = await launchToken();
      t.clock.advance(2 * 60 * 1000);
      assert.equal(await save(c, '02:00:00'), '00:12:00.50');
      // A commit arriving after the launch URL expired still counts (the SCO was running): a's session moves from 6 to 7 minutes.
      t.clock.advance(9 * 60 * 60 * 1000);
      trainee = t.client();
      assert.equal((await trainee.post('/api/v1/session/citizen', { nationalId: traineeLogin.nationalId, password: traineeLogin.password })).statusCode, 200);
      assert.equal(await save(a, '00:07:00'), '00:13:00.50');
      assert.equal((await state()).totalTime, '00:13:00.50');
      const sessions = await t.node.deps.db.selectFrom('scorm_sessions').select(['launch_key', 'session_time_cs']).where('enrolment_id', '=', enrolmentId).execute();
      assert.equal(sessions.length, 5);
      assert.equal(sessions.reduce((sum, r) => sum + Number(r.session_time_cs), 0), 78050);
    });

    test('a launch URL expires after 8 hours', async () => {
      t.clock.advance(8 * 60 * 60 * 1000 + 1000);
      const res = await t.client().get(launch.launchUrl);
      assert.equal(res.statusCode, 403);
      assert.equal(res.json<{ code: string }>().code, 'scorm_launch_expired');
    });
  });
}
