import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import type { ServiceApplicationDetail } from '@rabt/contracts';
import { loadConfig } from '../../platform/config.ts';
import { registerCitizen, signInStaff, toE164 } from '../../testing/factories.ts';
import type { TestClient } from '../../testing/test-client.ts';
import { createTestNode, testTargets, type TestNode } from '../../testing/test-node.ts';
import { seedOfficeId } from '../../platform/db/seed.ts';
import { samplePdf, sampleJpeg, uploadDocument } from '../uploads/test-files.ts';

/**
 * Notifications of office actions (issue 5 §9, notifications.ts): an SMS always, and the same message by
 * email when the citizen gave an address — into the development outbox (/dev/outbox) by default, or by
 * SMTP (nodemailer) with EMAIL_TRANSPORT=smtp, proved against a minimal local SMTP server.
 */

const API = '/api/v1';
const NASR = seedOfficeId('CAI-NASR');
const ANSWERS = { isco: '7411', education: 'technical_secondary', experienceYears: '٥' };

/** The application is submitted at Nasr City by a citizen (with `email` when given). */
async function submittedApplication(t: TestNode, email: string | null): Promise<{ c: TestClient; app: ServiceApplicationDetail; mobile: string }> {
  const c = t.client();
  const { mobile } = await registerCitizen(t, c);
  if (email) assert.equal((await c.patch(`${API}/me`, { email })).statusCode, 200);
  const created = await c.post(`${API}/my/applications`, { serviceCode: 'employment_registration', officeId: NASR, answers: ANSWERS, declaredDocuments: ['national_id_copy', 'photo'] });
  assert.equal(created.statusCode, 201, created.body);
  const app = created.json<ServiceApplicationDetail>();
  assert.equal((await uploadDocument(c, app.id, 'national_id_copy', samplePdf())).statusCode, 201);
  assert.equal((await uploadDocument(c, app.id, 'photo', sampleJpeg())).statusCode, 201);
  assert.equal((await c.post(`${API}/my/applications/${app.id}/submit`)).statusCode, 200);
  return { c, app, mobile: toE164(mobile) };
}

async function clerkOf(t: TestNode): Promise<TestClient> {
  const clerk = t.client();
  await signInStaff(t, clerk, 'nasr.clerk');
  return clerk;
}

/** Waits (bounded, no timing asserted) for a condition the notifier fulfils after the action's commit. */
async function eventually<T>(read: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
  let v = await read();
  for (let i = 0; i < 200 && !done(v); i++) {
    await new Promise((r) => setTimeout(r, 10));
    v = await read();
  }
  return v;
}

for (const target of testTargets()) {
  describe(`e-service notifications by SMS and email, development outbox (${target})`, () => {
    let t: TestNode;
    before(async () => {
      t = await createTestNode(target, { PUBLIC_URL: 'https://rabt.example' });
    });
    after(() => t.close());

    const outbox = (to: string) => t.node.database.db.selectFrom('notification_outbox').select(['channel', 'recipient', 'body_ar', 'body_en']).where('recipient', '=', to).orderBy('created_at').execute();

    test('a clerk asks for information: the citizen with an email address gets the SMS and the same message by email, Arabic first, with a link', async () => {
      const { app, mobile } = await submittedApplication(t, 'salma.hassan@example.org');
      const clerk = await clerkOf(t);
      assert.equal((await clerk.post(`${API}/office/applications/${app.id}/request-info`, { message: 'أرفق صورة شهادة الدبلوم' })).statusCode, 200);
      const emails = await eventually(() => outbox('salma.hassan@example.org'), (r) => r.length >= 1);
      assert.equal(emails.length, 1);
      const [mail] = emails;
      assert.equal(mail!.channel, 'email');
      assert.match(mail!.body_ar, new RegExp(`^ربط — مطلوب معلومات لطلبك ${app.reference}\\n\\nطلب مكتب العمل معلومات أو مستندات إضافية لطلبك ${app.reference}`));
      assert.ok(mail!.body_ar.includes(`افتح الطلب: https://rabt.example/my-applications/${app.id}`));
      assert.match(mail!.body_en, new RegExp(`^Rabt — Information needed on your application ${app.reference}\\n\\nThe labour office asks for more information`));
      assert.ok(!/\d{14}/.test(mail!.body_ar + mail!.body_en), 'no national ID in the email');
      const sms = await eventually(() => outbox(mobile), (r) => r.some((m) => m.body_en.includes(app.reference)));
      assert.deepEqual(sms.filter((m) => m.body_en.includes(app.reference)).map((m) => m.channel), ['sms']);
    });

    test('a transfer to another office is sent to the citizen by SMS naming the new office, Arabic and English', async () => {
      const { app, mobile } = await submittedApplication(t, null);
      const head = t.client();
      await signInStaff(t, head, 'nasr.head');
      const moved = await head.post(`${API}/office/applications/${app.id}/transfer`, { officeId: seedOfficeId('GIZ-GIZA'), note: 'انتقل المواطن' });
      assert.equal(moved.statusCode, 200, moved.body);
      const office = moved.json<ServiceApplicationDetail>().office!;
      const sms = await eventually(() => outbox(mobile), (r) => r.some((m) => m.body_ar.includes('حُوّل طلبك')));
      const msg = sms.find((m) => m.body_ar.includes('حُوّل طلبك'));
      assert.ok(msg, 'transfer SMS sent');
      assert.equal(msg.channel, 'sms');
      assert.ok(msg.body_ar.includes(office.nameAr) && msg.body_ar.includes(app.reference), msg.body_ar);
      assert.ok(msg.body_en.includes(`transferred to ${office.nameEn}`), msg.body_en);
    });

    test('a decision is emailed: issued after approval; a citizen without an email address gets the SMS only', async () => {
      const { c, app } = await submittedApplication(t, 'omar.farouk@example.org');
      const clerk = await clerkOf(t);
      assert.equal((await clerk.post(`${API}/office/applications/${app.id}/request-info`, { message: 'أكمل البيانات' })).statusCode, 200);
      assert.equal((await c.post(`${API}/my/applications/${app.id}/answer`, { message: 'تم' })).statusCode, 200);
      const approved = await clerk.post(`${API}/office/applications/${app.id}/approve`, {});
      assert.equal(approved.json<ServiceApplicationDetail>().status, 'issued', approved.body);
      const emails = await eventually(() => outbox('omar.farouk@example.org'), (r) => r.length >= 2);
      assert.deepEqual(emails.map((m) => m.body_en.split('\n')[0]), [`Rabt — Information needed on your application ${app.reference}`, `Rabt — Your document is issued: ${app.reference}`]);
      assert.match(emails[1]!.body_ar, /صدرت وثيقتك لطلب/);

      const plain = await submittedApplication(t, null);
      assert.equal((await clerk.post(`${API}/office/applications/${plain.app.id}/reject`, { reason: 'المستندات غير مقروءة' })).statusCode, 200);
      const sms = await eventually(() => outbox(plain.mobile), (r) => r.some((m) => m.body_en.includes(plain.app.reference)));
      assert.deepEqual(sms.filter((m) => m.body_en.includes(plain.app.reference)).map((m) => m.channel), ['sms']);
      const emailsForIt = await t.node.database.db.selectFrom('notification_outbox').select('id').where('channel', '=', 'email').where('body_en', 'like', `%${plain.app.reference}%`).execute();
      assert.equal(emailsForIt.length, 0);
    });
  });
}

// ---------------------------------------------------------------- SMTP transport

/** A minimal SMTP server (RFC 5321 happy path, no TLS): collects the DATA of each message. */
function fakeSmtp(): Promise<{ port: number; messages: string[]; server: Server }> {
  const messages: string[] = [];
  const server = createServer((sock) => {
    let buf = '';
    let inData = false;
    sock.setEncoding('latin1');
    sock.write('220 fake.smtp ESMTP\r\n');
    sock.on('data', (chunk: string) => {
      buf += chunk;
      for (;;) {
        if (inData) {
          const end = buf.indexOf('\r\n.\r\n');
          if (end < 0) return;
          messages.push(buf.slice(0, end));
          buf = buf.slice(end + 5);
          inData = false;
          sock.write('250 2.0.0 queued\r\n');
          continue;
        }
        const eol = buf.indexOf('\r\n');
        if (eol < 0) return;
        const line = buf.slice(0, eol);
        buf = buf.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') sock.write('250-fake.smtp\r\n250 8BITMIME\r\n');
        else if (verb === 'DATA') {
          inData = true;
          sock.write('354 end with <CRLF>.<CRLF>\r\n');
        } else if (verb === 'QUIT') sock.end('221 bye\r\n');
        else sock.write('250 OK\r\n');
      }
    });
    sock.on('error', () => undefined);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as { port: number }).port, messages, server })));
}

/** Header value (unfolded, RFC 2047 encoded words decoded) and the text body (quoted-printable or base64 decoded) of a raw message. */
function parseMail(raw: string): { header(name: string): string; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const utf8 = (latin1: string) => Buffer.from(latin1, 'latin1').toString('utf8');
  const words = (v: string) =>
    v.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_m, enc: string, data: string) =>
      enc.toLowerCase() === 'b' ? Buffer.from(data, 'base64').toString('utf8') : utf8(data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16)))),
    );
  const header = (name: string) => words(new RegExp(`^${name}: (.*)$`, 'im').exec(head)?.[1] ?? '');
  const cte = header('Content-Transfer-Encoding').toLowerCase();
  const text = cte === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : cte === 'quoted-printable' ? utf8(body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16)))) : utf8(body);
  return { header, text };
}

describe('email by SMTP (EMAIL_TRANSPORT=smtp) while SMS stay in the outbox', () => {
  let t: TestNode;
  let smtp: Awaited<ReturnType<typeof fakeSmtp>>;
  before(async () => {
    smtp = await fakeSmtp();
    t = await createTestNode('pglite', { EMAIL_TRANSPORT: 'smtp', SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, SMTP_FROM: 'Rabt <no-reply@rabt.example>' });
  });
  after(async () => {
    await t.close();
    await new Promise((r) => smtp.server.close(r));
  });

  test('the information request reaches the SMTP server as one UTF-8 email: Arabic subject and body first, English below', async () => {
    const { app, mobile } = await submittedApplication(t, 'nour.adel@example.org');
    const clerk = await clerkOf(t);
    assert.equal((await clerk.post(`${API}/office/applications/${app.id}/request-info`, { message: 'أرفق صورة البطاقة' })).statusCode, 200);
    await eventually(() => Promise.resolve(smtp.messages.length), (n) => n >= 1);
    assert.equal(smtp.messages.length, 1);
    const mail = parseMail(smtp.messages[0]!);
    assert.match(mail.header('To'), /nour\.adel@example\.org/);
    assert.match(mail.header('From'), /no-reply@rabt\.example/);
    assert.equal(mail.header('Subject'), `ربط — مطلوب معلومات لطلبك ${app.reference} | Rabt — Information needed on your application ${app.reference}`);
    const ar = mail.text.indexOf('طلب مكتب العمل معلومات');
    const en = mail.text.indexOf('The labour office asks for more information');
    assert.ok(ar >= 0 && en > ar, 'Arabic first, English below');
    // The SMS went to the outbox, and no email did.
    const rows = await t.node.database.db.selectFrom('notification_outbox').select(['channel', 'recipient']).where('body_en', 'like', `%${app.reference}%`).execute();
    assert.deepEqual(rows.map((r) => [r.channel, r.recipient]), [['sms', mobile]]);
  });
});

test('configuration: EMAIL_TRANSPORT follows NOTIFY_TRANSPORT unless set; smtp needs SMTP_URL; off is accepted', () => {
  assert.equal(loadConfig({}).emailTransport, 'outbox');
  assert.equal(loadConfig({ NOTIFY_TRANSPORT: 'smtp', SMTP_URL: 'smtp://mail.example:25' }).emailTransport, 'smtp');
  assert.equal(loadConfig({ EMAIL_TRANSPORT: 'off' }).emailTransport, 'off');
  assert.throws(() => loadConfig({ EMAIL_TRANSPORT: 'smtp' }), /SMTP_URL is required when EMAIL_TRANSPORT=smtp/);
});
