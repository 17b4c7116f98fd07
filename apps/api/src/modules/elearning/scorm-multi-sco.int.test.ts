import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { strToU8 } from 'fflate';
import type { ScormLaunch, ScormSaveResult, StaffCourse } from '@rabt/contracts';
import { signInStaff } from '../../testing/factories.ts';
import type { TestClient } from '../../testing/test-client.ts';
import { createTestNode, testTargets, type TestNode } from '../../testing/test-node.ts';
import { courseBody, TRUE_FALSE_QUESTION, approveAndEnrol } from './test-fixtures.ts';
import { SCO_HTML, scormManifest, scormZip } from './scorm-fixtures.ts';

/**
 * SCORM 1.2 packages with several SCOs (issue 6 §1): the default organization lists three SCOs; the
 * launch offers each (by position, `?sco=`), each with its own run-time data and total time, and the
 * lesson completes only when every SCO has reported passed or completed. (One-SCO packages: scorm.int.test.ts.)
 */
const SCOS = [
  { title: 'الجزء الأول: الفصل', href: 'index.html' },
  { title: 'الجزء الثاني: الأرضي', href: 'part2.html' },
  { title: 'الجزء الثالث: الاختبار', href: 'part3.html?step=3' },
];

for (const target of testTargets()) {
  describe(`SCORM 1.2 lessons with several SCOs (${target})`, () => {
    let t: TestNode;
    let trainer: TestClient;
    let trainee: TestClient;
    let lessonId: string;
    let enrolmentId: string;

    before(async () => {
      t = await createTestNode(target);
      trainer = t.client();
      await signInStaff(t, trainer, 'trainer');
      const created = await trainer.post('/api/v1/training/courses', courseBody({ titleAr: 'ثلاثة أجزاء', titleEn: 'Three parts' }));
      const courseId = created.json<StaffCourse>().id;
      const moduleId = (await trainer.post(`/api/v1/training/courses/${courseId}/modules`, { titleAr: 'الوحدة', titleEn: 'Module' })).json<StaffCourse>().modules[0]!.id;
      for (const n of [1, 2]) {
        assert.equal((await trainer.post(`/api/v1/training/courses/${courseId}/lessons`, { moduleId, titleAr: `درس ${n}`, titleEn: `Lesson ${n}`, bodyAr: 'نص.', bodyEn: 'Text.', videoUrl: null })).statusCode, 201);
      }
      lessonId = (await trainer.get(`/api/v1/training/courses/${courseId}`)).json<StaffCourse>().modules[0]!.lessons[0]!.id;
      assert.equal((await trainer.post(`/api/v1/training/courses/${courseId}/questions`, TRUE_FALSE_QUESTION)).statusCode, 201);
      const zip = scormZip({ manifest: scormManifest({ scos: SCOS }), extra: { 'part2.html': strToU8(SCO_HTML), 'part3.html': strToU8(SCO_HTML) } });
      const up = await trainer.request('PUT', `/api/v1/training/lessons/${lessonId}/scorm`, zip, { 'content-type': 'application/zip' });
      assert.equal(up.statusCode, 200, up.body);
      assert.equal(up.json<StaffCourse>().modules[0]!.lessons[0]!.scorm?.launchHref, 'index.html');
      ({ trainee, enrolmentId } = await approveAndEnrol(t, courseId));
    });
    after(async () => {
      await t.close();
    });

    const launch = async (client: TestClient, sco?: string) => {
      const res = await client.get(`/api/v1/elearning/lessons/${lessonId}/scorm/launch${sco === undefined ? '' : `?sco=${encodeURIComponent(sco)}`}`);
      return res;
    };
    const tokenOf = (l: ScormLaunch) => l.launchUrl.split('/')[5]!;

    test('the launch lists every SCO in order; each launches its own file; a missing SCO is 404', async () => {
      const first = (await launch(trainee)).json<ScormLaunch>();
      assert.equal(first.sco, 0);
      assert.deepEqual(first.scos, SCOS.map((s, position) => ({ position, title: s.title, lessonStatus: null, masteryScore: null, requires: [], locked: false })));
      assert.ok(first.launchUrl.endsWith('/index.html'));
      assert.equal(first.title, 'السلامة الكهربائية — وحدة تفاعلية — الجزء الأول: الفصل');
      const second = (await launch(trainee, '1')).json<ScormLaunch>();
      assert.equal(second.sco, 1);
      assert.ok(second.launchUrl.endsWith('/part2.html'));
      const third = (await launch(trainee, '٢')).json<ScormLaunch>(); // Arabic-Indic digits, as typed
      assert.ok(third.launchUrl.endsWith('/part3.html?step=3'), third.launchUrl);
      assert.equal((await t.client().get(third.launchUrl)).statusCode, 200);
      const missing = await launch(trainee, '3');
      assert.equal(missing.statusCode, 404);
      assert.equal(missing.json<{ code: string }>().code, 'scorm_sco_not_found');
      assert.equal((await launch(trainee, 'x')).statusCode, 400);
      const preview = (await launch(trainer, '2')).json<ScormLaunch>();
      assert.equal(preview.runtime, null);
      assert.ok(preview.launchUrl.endsWith('/part3.html?step=3'));
    });

    test('each SCO keeps its own data and total time; the lesson completes only when every SCO is passed or completed', async () => {
      const saveUrl = `/api/v1/elearning/enrolments/${enrolmentId}/lessons/${lessonId}/scorm`;
      const save = async (sco: number, lessonStatus: string, extra: Record<string, unknown> = {}) => {
        t.clock.advance(60_000);
        const l = (await launch(trainee, String(sco))).json<ScormLaunch>();
        t.clock.advance(60_000);
        const res = await trainee.request('PUT', saveUrl, { lessonStatus, scoreRaw: '', lessonLocation: `sco-${sco}`, suspendData: `data-${sco}`, finished: true, launch: tokenOf(l), ...extra });
        assert.equal(res.statusCode, 200, res.body);
        return res.json<ScormSaveResult>();
      };
      const a = await save(0, 'passed', { sessionTime: '00:00:30' });
      assert.equal(a.lessonCompleted, false);
      assert.deepEqual(a.scos.map((s) => s.lessonStatus), ['passed', null, null]);
      assert.equal(a.runtime.totalTime, '00:00:30.00');
      const b = await save(1, 'completed', { sessionTime: '00:01:00' });
      assert.equal(b.lessonCompleted, false);
      assert.equal(b.runtime.totalTime, '00:01:00.00', 'each SCO has its own cmi.core.total_time');
      const c = await save(2, 'failed');
      assert.equal(c.lessonCompleted, false);
      assert.deepEqual(c.scos.map((s) => s.lessonStatus), ['passed', 'completed', 'failed']);
      const done = await save(2, 'passed');
      assert.equal(done.lessonCompleted, true);
      assert.ok(done.nextLessonId);
      assert.deepEqual(done.scos.map((s) => s.lessonStatus), ['passed', 'completed', 'passed']);

      // The next launch of a SCO resumes its own data, not another SCO's.
      const again = (await launch(trainee, '1')).json<ScormLaunch>();
      assert.deepEqual({ location: again.runtime?.lessonLocation, data: again.runtime?.suspendData, total: again.runtime?.totalTime }, { location: 'sco-1', data: 'data-1', total: '00:01:00.00' });
      const boot = (await t.client().get(`/api/v1/elearning/scorm-boot/${tokenOf(again)}`)).body;
      assert.match(boot, /"suspend_data":"data-1"/);
      assert.match(boot, /"total_time":"00:01:00.00"/);
      const rows = await t.node.deps.db.selectFrom('scorm_runtime').select(['sco', 'lesson_status']).where('enrolment_id', '=', enrolmentId).orderBy('sco').execute();
      assert.deepEqual(rows, [{ sco: 0, lesson_status: 'passed' }, { sco: 1, lesson_status: 'completed' }, { sco: 2, lesson_status: 'passed' }]);
    });
  });
}
