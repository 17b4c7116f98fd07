import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApplicationDocument, ProblemDetails, ServiceApplicationDetail } from '@rabt/contracts';
import { registerCitizen, signInStaff, type DemoStaff } from '../../testing/factories.ts';
import type { TestClient } from '../../testing/test-client.ts';
import { createTestNode, testTargets, type TestNode } from '../../testing/test-node.ts';
import { seedOfficeId } from '../../platform/db/seed.ts';
import { fakeExe, HTML, samplePdf, sampleJpeg, uploadDocument } from './test-files.ts';

const API = '/api/v1';
const NASR = seedOfficeId('CAI-NASR');
const ANSWERS = { isco: '7411', education: 'technical_secondary', experienceYears: '3' };
const GLOBAL_CAP = 3 * 1024 * 1024;

for (const target of testTargets()) {
  describe(`e-service documents: uploads and downloads (${target})`, () => {
    let t: TestNode;
    let dataDir: string;
    before(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'rabt-uploads-'));
      t = await createTestNode(target, { DATA_DIR: dataDir, UPLOADS_MAX_BYTES: String(GLOBAL_CAP) });
    });
    after(async () => {
      await t.close();
      await rm(dataDir, { recursive: true, force: true });
    });

    async function citizen(): Promise<TestClient> {
      const c = t.client();
      await registerCitizen(t, c);
      return c;
    }
    async function staff(who: DemoStaff): Promise<TestClient> {
      const c = t.client();
      await signInStaff(t, c, who);
      return c;
    }
    async function draft(c: TestClient): Promise<ServiceApplicationDetail> {
      const res = await c.post(`${API}/my/applications`, { serviceCode: 'employment_registration', officeId: NASR, answers: ANSWERS, declaredDocuments: ['national_id_copy', 'photo'] });
      assert.equal(res.statusCode, 201, res.body);
      return res.json<ServiceApplicationDetail>();
    }
    async function files(): Promise<number> {
      const root = join(dataDir, 'EG', 'uploads');
      const dirs = await readdir(root).catch(() => [] as string[]);
      let n = 0;
      for (const d of dirs) n += (await readdir(join(root, d))).length;
      return n;
    }
    async function rows(applicationId: string): Promise<number> {
      const r = await t.node.database.db.selectFrom('application_documents').select((eb) => eb.fn.countAll<string>().as('n')).where('application_id', '=', applicationId).executeTakeFirstOrThrow();
      return Number(r.n);
    }

    test('a valid PDF and a JPEG are accepted, stored under a random id with SHA-256, and downloaded as attachments', async () => {
      const c = await citizen();
      const app = await draft(c);
      const pdf = samplePdf();
      const up = await uploadDocument(c, app.id, 'national_id_copy', pdf, 'application/octet-stream', 'بطاقتي.pdf');
      assert.equal(up.statusCode, 201, up.body);
      const doc = up.json<ApplicationDocument>();
      assert.equal(doc.contentType, 'application/pdf');
      assert.equal(doc.sizeBytes, pdf.length);
      assert.equal(doc.sha256, createHash('sha256').update(pdf).digest('hex'));
      // The client's claimed type does not matter, the content does: a JPEG sent as "application/pdf".
      const jpeg = await uploadDocument(c, app.id, 'photo', sampleJpeg(), 'application/pdf');
      assert.equal(jpeg.statusCode, 201, jpeg.body);
      assert.equal(jpeg.json<ApplicationDocument>().contentType, 'image/jpeg');

      const stored = await t.node.database.db.selectFrom('application_documents').selectAll().where('id', '=', doc.id).executeTakeFirstOrThrow();
      assert.doesNotMatch(JSON.stringify(stored), /بطاقتي|\.pdf/, 'the user file name is never stored');

      const dl = await c.get(doc.downloadUrl);
      assert.equal(dl.statusCode, 200);
      assert.equal(dl.headers['content-type'], 'application/pdf');
      assert.equal(dl.headers['x-content-type-options'], 'nosniff');
      assert.match(String(dl.headers['content-disposition']), /^attachment; filename="national_id_copy-ER-\d{4}-\d{6}\.pdf"$/);
      assert.deepEqual(dl.rawPayload, pdf);

      const list = (await c.get(`${API}/applications/${app.id}/documents`)).json<ApplicationDocument[]>();
      assert.deepEqual(list.map((d) => d.type).sort(), ['national_id_copy', 'photo']);

      const audit = await t.node.database.db.selectFrom('audit_log').select(['action', 'details']).where('subject_id', '=', app.id).where('action', 'like', 'service_application.document_%').orderBy('seq').execute();
      assert.deepEqual(
        audit.map((a) => a.action),
        ['service_application.document_uploaded', 'service_application.document_uploaded', 'service_application.document_downloaded'],
      );
      assert.ok(JSON.stringify(audit).length < 2000, 'no file contents in the audit');
      assert.doesNotMatch(JSON.stringify(audit), /Rabt test|JFIF/);
    });

    test('wrong content is refused whatever its name or claimed type, and nothing is saved', async () => {
      const c = await citizen();
      const app = await draft(c);
      const before = await files();
      const refused: [string, Buffer, string, string][] = [
        ['national_id_copy', fakeExe(), 'application/pdf', 'id.pdf'],
        ['national_id_copy', HTML, 'application/pdf', 'id.pdf'],
        ['photo', samplePdf(), 'image/jpeg', 'me.jpg'], // a PDF is not an accepted photo
        ['national_id_copy', Buffer.from('%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\nendobj\n%%EOF'), 'application/pdf', 'id.pdf'],
      ];
      for (const [type, bytes, claimed, name] of refused) {
        const res = await uploadDocument(c, app.id, type, bytes, claimed, name);
        assert.equal(res.statusCode, 415, `${name}: ${res.body}`);
        assert.equal(res.json<ProblemDetails>().code, 'upload_content_refused');
      }
      const unknownType = await uploadDocument(c, app.id, 'passport', samplePdf());
      assert.equal(unknownType.json<ProblemDetails>().code, 'upload_type_unknown');
      assert.equal((await uploadDocument(c, app.id, 'photo', Buffer.alloc(0))).json<ProblemDetails>().code, 'upload_empty');
      assert.equal(await rows(app.id), 0);
      assert.equal(await files(), before);
    });

    test('too big is refused: over the type maxBytes (2 MB photo) and over the global cap; nothing saved', async () => {
      const c = await citizen();
      const app = await draft(c);
      const before = await files();
      const big = await uploadDocument(c, app.id, 'photo', sampleJpeg(2 * 1024 * 1024 + 1));
      assert.equal(big.statusCode, 413, big.body);
      assert.equal(big.json<ProblemDetails>().code, 'upload_too_large');
      const huge = await uploadDocument(c, app.id, 'national_id_copy', Buffer.concat([samplePdf(), Buffer.alloc(GLOBAL_CAP)]));
      assert.equal(huge.statusCode, 413, huge.body);
      assert.equal(huge.json<ProblemDetails>().code, 'payload_too_large');
      assert.equal(await rows(app.id), 0);
      assert.equal(await files(), before);
    });

    test('submit without a required upload is refused; another citizen and another office cannot download', async () => {
      const c = await citizen();
      const app = await draft(c);
      assert.equal((await uploadDocument(c, app.id, 'national_id_copy', samplePdf())).statusCode, 201);
      const early = await c.post(`${API}/my/applications/${app.id}/submit`);
      assert.equal(early.statusCode, 422, early.body);
      const p = early.json<ProblemDetails>();
      assert.equal(p.code, 'required_documents_missing');
      assert.deepEqual(
        p.errors?.map((e) => e.pointer),
        ['/documents/photo'],
      );
      const photo = (await uploadDocument(c, app.id, 'photo', sampleJpeg())).json<ApplicationDocument>();
      const sub = await c.post(`${API}/my/applications/${app.id}/submit`);
      assert.equal(sub.statusCode, 200, sub.body);
      // Once submitted, documents are added only when the office asks for information.
      assert.equal((await uploadDocument(c, app.id, 'qualification_certificate', samplePdf())).json<ProblemDetails>().code, 'upload_state');

      const other = await citizen();
      assert.equal((await other.get(photo.downloadUrl)).json<ProblemDetails>().code, 'service_application_not_found');
      assert.equal((await uploadDocument(other, app.id, 'photo', sampleJpeg())).json<ProblemDetails>().code, 'service_application_not_found');
      const giza = await staff('giza.clerk');
      const out = await giza.get(photo.downloadUrl);
      assert.equal(out.statusCode, 403);
      assert.equal(out.json<ProblemDetails>().code, 'out_of_scope');
      assert.equal((await giza.get(`${API}/applications/${app.id}/documents`)).json<ProblemDetails>().code, 'out_of_scope');
      assert.equal((await t.client().get(photo.downloadUrl)).statusCode, 401);

      const nasr = await staff('nasr.clerk');
      const dl = await nasr.get(photo.downloadUrl);
      assert.equal(dl.statusCode, 200);
      assert.equal(dl.headers['content-type'], 'image/jpeg');
      const audit = await t.node.database.db.selectFrom('audit_log').select(['actor_kind']).where('subject_id', '=', app.id).where('action', '=', 'service_application.document_downloaded').execute();
      assert.deepEqual(
        audit.map((a) => a.actor_kind),
        ['staff'],
      );
    });
  });
}
