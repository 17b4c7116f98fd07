import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VerificationResult } from '@rabt/contracts';
import { verifyDocumentBundle, type DocumentBundle, type TrustBundle } from '@rabt/trust';
import { registerCitizen } from '../../testing/factories.ts';
import type { TestClient } from '../../testing/test-client.ts';
import { createTestNode, testTargets, type TestNode } from '../../testing/test-node.ts';
import { documentsDeps } from './documents.wiring.ts';
import { issueDocument, revokeDocument } from './issue.ts';
import type { VerifyDeps } from './verify.service.ts';

/**
 * A certificate issued by this node alone (the path e-services and e-learning use): signed, registered,
 * verifiable by code with the holder's name masked, downloadable by its holder only (PDF and offline
 * file that verifies with no network), and revocable with the revocation visible on /verify.
 */
for (const target of testTargets()) {
  describe(`issued documents (${target})`, () => {
    let t: TestNode;
    let docs: VerifyDeps;
    let holder: TestClient;
    let holderId: string;
    let code: string;

    before(async () => {
      t = await createTestNode(target);
      docs = documentsDeps(t.node.deps);
      holder = t.client();
      const reg = await registerCitizen(t, holder, { nameAr: 'سارة محمد أحمد', nameLatin: 'Sara Mohamed Ahmed' });
      holderId = (await t.node.deps.db.selectFrom('citizens').select('id').where('national_id', '=', reg.nationalId).executeTakeFirstOrThrow()).id;
      const now = t.clock.now();
      const issued = await t.node.deps.db.transaction().execute((trx) =>
        issueDocument(
          trx,
          docs,
          {
            kind: 'employment_registration',
            subjectId: crypto.randomUUID(),
            holderCitizenId: holderId,
            title: { ar: 'شهادة قيد (كعب العمل)', en: 'Employment registration certificate' },
            fields: [
              { key: 'holder', label: { ar: 'الاسم', en: 'Name' }, value: { ar: 'سارة محمد أحمد', en: 'Sara Mohamed Ahmed' } },
              { key: 'occupation', label: { ar: 'المهنة', en: 'Occupation' }, value: { ar: '7411 — كهربائي مبانٍ', en: '7411 — Building electrician' } },
              // As documents issued before dates were spelled out stored them: ISO, Arabic-Indic digits on the Arabic side.
              { key: 'valid_from', label: { ar: 'ساري من', en: 'Valid from' }, value: { ar: '٢٠٢٦-١١-٣٠', en: '2026-11-30' } },
            ],
            validUntil: '2031-11-30',
            payload: { registrationNumber: 'CAI-NASR-2026-000001' },
          },
          now,
        ),
      );
      code = issued.code;
      assert.match(issued.verifyUrl, new RegExp(`/verify/${code}#ey`));
    });
    after(() => t?.close());

    test('GET /verify/{code}: genuine, title and key facts, the holder’s name masked', async () => {
      const v = (await t.client().get(`/api/v1/verify/${code}`)).json<VerificationResult>();
      assert.deepEqual([v.status, v.kind, v.title?.en], ['genuine', 'employment_registration', 'Employment registration certificate']);
      assert.deepEqual(v.fields.find((f) => f.key === 'holder')?.value, { ar: 'سارة م. أ.', en: 'Sara M. A.' });
      assert.deepEqual(v.signedBy.map((s) => s.country), ['EG']);
      assert.ok(!JSON.stringify(v).includes('Mohamed'));
    });

    test('the holder lists it and downloads the PDF and the offline file, which verifies; nobody else can', async () => {
      const mine = (await holder.get('/api/v1/documents/mine')).json<VerificationResult[]>();
      assert.deepEqual(mine.map((d) => d.code), [code]);
      const pdf = await holder.get(`/api/v1/documents/${code}/pdf`);
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
      const other = t.client();
      await registerCitizen(t, other);
      assert.equal((await other.get(`/api/v1/documents/${code}/pdf`)).json<{ code: string }>().code, 'document_not_found');
      assert.equal((await t.client().get(`/api/v1/documents/${code}/bundle`)).statusCode, 401);

      assert.equal((await holder.get(`/api/v1/documents/${code}/bundle`)).json<{ code: string }>().code, 'register_checkpoint_pending');
      await t.node.deps.register.publishCheckpoint();
      const bundle = (await holder.get(`/api/v1/documents/${code}/bundle`)).json<DocumentBundle>();
      const trust = (await t.client().get('/api/v1/trust/bundle')).json<TrustBundle>();
      const r = await verifyDocumentBundle(bundle, trust);
      assert.ok(r.ok, JSON.stringify(r));
      const payload = JSON.parse(Buffer.from(bundle.document.payload, 'base64url').toString('utf8')) as Record<string, unknown>;
      const forged = Buffer.from(JSON.stringify({ ...payload, validUntil: '2099-01-01' })).toString('base64url');
      const bad = await verifyDocumentBundle({ ...bundle, document: { ...bundle.document, payload: forged } }, trust);
      assert.equal(bad.ok ? 'ok' : bad.reason, 'bad_signature');
      // (Read after the bundle checks: pdftotext takes time, and the register checkpoint must still be pending above.)
      // One date format per language and one label pair: «صالح من / صالح حتى», day month-name year.
      const dir = mkdtempSync(join(tmpdir(), 'rabt-doc-'));
      try {
        writeFileSync(join(dir, 'd.pdf'), pdf.rawPayload);
        const text = execFileSync('pdftotext', ['-layout', join(dir, 'd.pdf'), '-'], { encoding: 'utf8' });
        assert.ok(text.includes('30 November 2026') && text.includes('30 November 2031'), text);
        assert.ok(!/\d{4}-\d{2}-\d{2}(?!T)|[٠-٩]{4}-[٠-٩]{2}-[٠-٩]{2}|\d{2}-\d{2}-\d{4}|[٠-٩]{2}-[٠-٩]{2}-[٠-٩]{4}/.test(text), text);
        assert.ok(text.includes('٢٠٣١') && text.includes('٢٠٢٦'), text);
        assert.ok(!text.includes('ساري') && !text.includes('صالحة') && !text.includes('يراس') && !text.includes('ةحلاص'), text);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test('revocation shows on /verify at once, with the reason', async () => {
      assert.equal((await t.client().get(`/api/v1/verify/${code}`)).json<VerificationResult>().status, 'genuine');
      await t.node.deps.db.transaction().execute((trx) => revokeDocument(trx, docs, code, 'صدرت بالخطأ', t.clock.now()));
      const v = (await t.client().get(`/api/v1/verify/${code}`)).json<VerificationResult>();
      assert.deepEqual([v.status, v.statusReason], ['revoked', 'صدرت بالخطأ']);
    });
  });
}
