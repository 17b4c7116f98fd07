import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { strToU8 } from 'fflate';
import type { ScormLaunch, ScormSaveResult, StaffCourse } from '@rabt/contracts';
import { signInStaff } from '../../testing/factories.ts';
import type { TestClient } from '../../testing/test-client.ts';
import { createTestNode, testTargets, type TestNode } from '../../testing/test-node.ts';
import { courseBody, TRUE_FALSE_QUESTION, approveAndEnrol } from './test-fixtures.ts';
import { runSco, scormManifest, scormZip, type ManifestSco } from './scorm-fixtures.ts';

/**
 * SCORM 1.2 mastery scores and prerequisites from the manifest (issue 6 §1, 0030). A package of three SCOs:
 * the first has a mastery score of 80, the second requires the first (adlcp:prerequisites "i1"), the third
 * requires both ("i1&i2") and has a mastery score of 50. A bad mastery score is refused at upload; the
 * authoring view counts the parts; the launch hands the SCO its mastery score (scorm-again overrides the
 * status on LMSFinish, checked by running a SCO in Node with the served run-time); the server stores passed
 * or failed from the score whatever status is reported; a locked SCO cannot be launched by the trainee
 * (409) until the SCOs it requires are passed or completed, while staff preview it.
 */

/** A SCO page that reads cmi.student_data.mastery_score, tries to write it, sets `score` and `status`, commits and finishes. */
const scoPage = (score: string, status: string) => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>SCO</title></head><body><p id="out"></p>
<script>
  var api = window.API, out = [];
  out.push('init=' + api.LMSInitialize(''));
  out.push('mastery=' + api.LMSGetValue('cmi.student_data.mastery_score'));
  out.push('write=' + api.LMSSetValue('cmi.student_data.mastery_score', '1') + '/' + api.LMSGetLastError());
  api.LMSSetValue('cmi.core.score.raw', '${score}');
  api.LMSSetValue('cmi.core.lesson_status', '${status}');
  out.push('commit=' + api.LMSCommit(''));
  out.push('finish=' + api.LMSFinish(''));
  document.getElementById('out').textContent = out.join(' ');
</script></body></html>`;

const SCOS: ManifestSco[] = [
  { title: 'الجزء الأول: الاختبار', href: 'index.html', masteryScore: '80' },
  { title: 'الجزء الثاني: الأرضي', href: 'part2.html', prerequisites: 'i1' },
  { title: 'الجزء الثالث: الخلاصة', href: 'part3.html', prerequisites: 'i1&i2', masteryScore: '50' },
];

for (const target of testTargets()) {
  describe(`SCORM 1.2 mastery scores and prerequisites (${target})`, () => {
    let t: TestNode;
    let trainer: TestClient;
    let trainee: TestClient;
    let lessonId: string;
    let enrolmentId: string;
    const zip = (scos: ManifestSco[]) => scormZip({ manifest: scormManifest({ scos }), extra: { 'index.html': strToU8(scoPage('40', 'completed')), 'part2.html': strToU8(scoPage('10', 'completed')), 'part3.html': strToU8(scoPage('50', 'incomplete')) } });

    before(async () => {
      t = await createTestNode(target);
      trainer = t.client();
      await signInStaff(t, trainer, 'trainer');
      const courseId = (await trainer.post('/api/v1/training/courses', courseBody({ titleAr: 'أجزاء بترتيب', titleEn: 'Parts in order' }))).json<StaffCourse>().id;
      const moduleId = (await trainer.post(`/api/v1/training/courses/${courseId}/modules`, { titleAr: 'الوحدة', titleEn: 'Module' })).json<StaffCourse>().modules[0]!.id;
      for (const n of [1, 2]) {
        assert.equal((await trainer.post(`/api/v1/training/courses/${courseId}/lessons`, { moduleId, titleAr: `درس ${n}`, titleEn: `Lesson ${n}`, bodyAr: 'نص.', bodyEn: 'Text.', videoUrl: null })).statusCode, 201);
      }
      lessonId = (await trainer.get(`/api/v1/training/courses/${courseId}`)).json<StaffCourse>().modules[0]!.lessons[0]!.id;
      assert.equal((await trainer.post(`/api/v1/training/courses/${courseId}/questions`, TRUE_FALSE_QUESTION)).statusCode, 201);

      // A mastery score that is not 0–100 is refused, with the Arabic and English text, and nothing is stored.
      const bad = await trainer.request('PUT', `/api/v1/training/lessons/${lessonId}/scorm`, zip([SCOS[0]!, { ...SCOS[1]!, masteryScore: '80%' }, SCOS[2]!]), { 'content-type': 'application/zip' });
      assert.equal(bad.statusCode, 422, bad.body);
      const problem = bad.json<{ code: string; titles: { ar: string; en: string }; detail: string }>();
      assert.equal(problem.code, 'scorm_mastery_score_invalid');
      assert.match(problem.titles.en, /adlcp:masteryscore.*0 to 100/);
      assert.match(problem.titles.ar, /درجات الإتقان/);
      assert.match(problem.detail, /item "i2".*"80%"/);
      assert.equal((await t.node.deps.db.selectFrom('scorm_packages').select('id').execute()).length, 0);

      const up = await trainer.request('PUT', `/api/v1/training/lessons/${lessonId}/scorm`, zip(SCOS), { 'content-type': 'application/zip' });
      assert.equal(up.statusCode, 200, up.body);
      assert.equal(up.json<StaffCourse>().modules[0]!.lessons[0]!.scorm?.scoCount, 3, 'the course editor counts the parts');
      ({ trainee, enrolmentId } = await approveAndEnrol(t, courseId));
    });
    after(async () => {
      await t.close();
    });

    const launch = (client: TestClient, sco: number) => client.get(`/api/v1/elearning/lessons/${lessonId}/scorm/launch?sco=${sco}`);
    const tokenOf = (l: ScormLaunch) => l.launchUrl.split('/')[5]!;
    const save = async (sco: number, lessonStatus: string, scoreRaw: string, finished: boolean) => {
      const l = (await launch(trainee, sco)).json<ScormLaunch>();
      const res = await trainee.request('PUT', `/api/v1/elearning/enrolments/${enrolmentId}/lessons/${lessonId}/scorm`, { lessonStatus, scoreRaw, lessonLocation: '', suspendData: '', finished, launch: tokenOf(l) });
      assert.equal(res.statusCode, 200, res.body);
      return res.json<ScormSaveResult>();
    };

    test('the manifest\'s mastery scores and prerequisites are kept per SCO; the launch lists them, the later parts locked', async () => {
      const scos = await t.node.deps.db.selectFrom('scorm_scos').select(['position', 'mastery_score']).orderBy('position').execute();
      assert.deepEqual(scos.map((s) => (s.mastery_score === null ? null : Number(s.mastery_score))), [80, null, 50]);
      const prerequisites = await t.node.deps.db.selectFrom('scorm_sco_prerequisites').select(['position', 'requires']).orderBy('position').orderBy('requires').execute();
      assert.deepEqual(prerequisites, [{ position: 1, requires: 0 }, { position: 2, requires: 0 }, { position: 2, requires: 1 }]);
      const first = (await launch(trainee, 0)).json<ScormLaunch>();
      assert.deepEqual(first.scos, [
        { position: 0, title: SCOS[0]!.title, lessonStatus: null, masteryScore: 80, requires: [], locked: false },
        { position: 1, title: SCOS[1]!.title, lessonStatus: null, masteryScore: null, requires: [0], locked: true },
        { position: 2, title: SCOS[2]!.title, lessonStatus: null, masteryScore: 50, requires: [0, 1], locked: true },
      ]);
      const locked = await launch(trainee, 2);
      assert.equal(locked.statusCode, 409, locked.body);
      const problem = locked.json<{ code: string; titles: { ar: string; en: string }; detail: string }>();
      assert.equal(problem.code, 'scorm_sco_locked');
      assert.match(problem.titles.ar, /يُفتح بعد أن تجتاز/);
      assert.equal(problem.detail, `Pass or complete first: "${SCOS[0]!.title}", "${SCOS[1]!.title}".`);
      // Training staff preview any part, locks aside.
      const preview = await launch(trainer, 2);
      assert.equal(preview.statusCode, 200, preview.body);
      assert.ok(preview.json<ScormLaunch>().scos.every((s) => !s.locked));
    });

    test('the SCO gets its mastery score (read-only); scorm-again sets failed on LMSFinish below it, and the server stores failed for the "completed" commit too', async () => {
      const l = (await launch(trainee, 0)).json<ScormLaunch>();
      const anonymous = t.client();
      const boot = (await anonymous.get(`/api/v1/elearning/scorm-boot/${tokenOf(l)}`)).body;
      assert.match(boot, /"student_data":\{"mastery_score":"80"\}/);
      assert.match(boot, /mastery_override: true/);
      const run = runSco((await anonymous.get('/api/v1/elearning/scorm-runtime/scorm12.js')).body, boot, (await anonymous.get(l.launchUrl)).body);
      assert.equal(run.out, 'init=true mastery=80 write=false/403 commit=true finish=true');
      assert.deepEqual(run.posted.map((p) => [p.report.lessonStatus, p.report.finished]), [['completed', false], ['failed', true]]);
      // The lesson page saves each report in turn.
      for (const p of run.posted) {
        const res = await trainee.request('PUT', `/api/v1/elearning/enrolments/${enrolmentId}/lessons/${lessonId}/scorm`, p.report);
        assert.equal(res.statusCode, 200, res.body);
        const saved = res.json<ScormSaveResult>();
        assert.equal(saved.runtime.lessonStatus, 'failed', 'a commit claiming "completed" below the mastery score is stored failed');
        assert.equal(saved.lessonCompleted, false);
        assert.equal(saved.scos[1]!.locked, true, 'a failed part does not open the parts that require it');
      }
      // A SCO without a mastery score gets "".
      const staffBoot = (await anonymous.get(`/api/v1/elearning/scorm-boot/${tokenOf((await launch(trainer, 1)).json<ScormLaunch>())}`)).body;
      assert.match(staffBoot, /"student_data":\{"mastery_score":""\}/);
    });

    test('the server applies the mastery rule to what it stores: a forged "passed" below it is failed, an unfinished "incomplete" stands, a finish at or above it is passed', async () => {
      assert.equal((await save(0, 'incomplete', '40', false)).runtime.lessonStatus, 'incomplete');
      const forged = await save(0, 'passed', '79.5', false);
      assert.equal(forged.runtime.lessonStatus, 'failed');
      assert.equal(forged.lessonCompleted, false);
      const passed = await save(0, 'incomplete', '80', true);
      assert.equal(passed.runtime.lessonStatus, 'passed');
      assert.deepEqual(passed.scos.map((s) => [s.lessonStatus, s.locked]), [['passed', false], [null, false], [null, true]], 'the second part opens; the third still needs it');
      const audit = await t.node.deps.db.selectFrom('audit_log').select('details').where('action', '=', 'elearning.scorm_finished').where('subject_id', '=', enrolmentId).orderBy('seq', 'desc').executeTakeFirstOrThrow();
      assert.deepEqual({ status: audit.details.lessonStatus, reported: audit.details.reportedStatus }, { status: 'passed', reported: 'incomplete' });
    });

    test('once its prerequisites are done a part launches; without a mastery score its own status stands; the lesson completes when every part is passed or completed', async () => {
      const second = await save(1, 'completed', '10', true);
      assert.equal(second.runtime.lessonStatus, 'completed', 'no mastery score: the SCO\'s status is kept');
      assert.equal(second.scos[2]!.locked, false);
      assert.equal((await launch(trainee, 2)).statusCode, 200);
      const low = await save(2, 'completed', '49.9999', true);
      assert.equal(low.runtime.lessonStatus, 'failed');
      assert.equal(low.lessonCompleted, false, 'a failed part does not complete the lesson');
      const done = await save(2, 'incomplete', '50', true);
      assert.equal(done.runtime.lessonStatus, 'passed');
      assert.equal(done.lessonCompleted, true);
      assert.ok(done.nextLessonId);
    });
  });
}
