import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bbbApiBase, bbbChecksum, bbbConferencing, bbbUrl, parseRecordings, type FetchLike } from './classrooms.conferencing.ts';

/**
 * The BigBlueButton adapter's signing, against published worked examples of the checksum rule
 * checksum = hex(SHA(callName + queryString + sharedSecret)) (BigBlueButton API reference, "checksum"):
 * - the API reference's own example: create, query `name=Test+Meeting&meetingID=abc123&attendeePW=111222&moderatorPW=333444`,
 *   secret `639259d4-9dd8-4b25-bf01-95f9567eaf4b`, SHA-1 `1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17`;
 * - a hosting provider's step-by-step guide (bbbserver.com, "Checksum & Authentication"), SHA-1 and SHA-256 of one create call;
 * - the `bigbluebutton` Rust crate's documented join URL (docs.rs), SHA-256.
 */
test('the checksum matches published SHA-1 and SHA-256 examples', () => {
  assert.equal(bbbChecksum('create', 'name=Test+Meeting&meetingID=abc123&attendeePW=111222&moderatorPW=333444', '639259d4-9dd8-4b25-bf01-95f9567eaf4b', 'sha1'), '1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17');
  const q = 'name=Demo&meetingID=replace-with-meeting-id&attendeePW=replace-with-password&moderatorPW=replace-with-password';
  assert.equal(bbbChecksum('create', q, 'replace-with-secret', 'sha1'), '7030bd96ede6a7ac41da848fe3bfc562e52a5914');
  assert.equal(bbbChecksum('create', q, 'replace-with-secret', 'sha256'), '7e5a0a48f1542462e56ca034dc83d741bff1deb5feab0cd9ef74fa6e009fe1fd');
  assert.equal(bbbChecksum('join', 'password=pass&fullName=name&meetingId=1', 'BBBSECRET', 'sha256'), '94e467c1b4b13f4452ca5d1deb9b7b74e1063aea55fe078139015a7d6311cfdf');
});

test('a signed URL: the query is form-encoded in order (space as +), the checksum is over exactly that query, and the API base is found', () => {
  const url = bbbUrl('https://bbb.example.org/bigbluebutton/', 'create', [['name', 'Test Meeting'], ['meetingID', 'abc123'], ['attendeePW', '111222'], ['moderatorPW', '333444']], '639259d4-9dd8-4b25-bf01-95f9567eaf4b', 'sha1');
  assert.equal(url, 'https://bbb.example.org/bigbluebutton/api/create?name=Test+Meeting&meetingID=abc123&attendeePW=111222&moderatorPW=333444&checksum=1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17');
  assert.equal(bbbApiBase('https://bbb.example.org/bigbluebutton/api/'), 'https://bbb.example.org/bigbluebutton/api');
  assert.equal(bbbApiBase('https://bbb.example.org/bigbluebutton'), 'https://bbb.example.org/bigbluebutton/api');
  // Arabic text is percent-encoded (UTF-8) and signed as sent.
  const ar = new URL(bbbUrl('https://b.example/bigbluebutton', 'join', [['fullName', 'منى علي']], 's3cret-s3cret', 'sha256'));
  assert.equal(ar.searchParams.get('fullName'), 'منى علي');
  const query = ar.search.slice(1).replace(/&checksum=[0-9a-f]+$/, '');
  assert.equal(ar.searchParams.get('checksum'), bbbChecksum('join', query, 's3cret-s3cret', 'sha256'));
});

test('join: create is called first (and must succeed), then a signed join URL with the role is answered', async () => {
  const calls: string[] = [];
  const ok: FetchLike = (url) => {
    calls.push(url);
    return Promise.resolve({ ok: true, text: () => Promise.resolve('<response><returncode>SUCCESS</returncode><messageKey>duplicateWarning</messageKey></response>') });
  };
  const bbb = bbbConferencing({ url: 'https://bbb.example.org/bigbluebutton/', secret: 'top-secret-value', checksum: 'sha256', fetch: ok });
  const session = { id: '0190a0b0-0000-7000-8000-000000000001', title: { ar: 'جلسة', en: 'Session' }, startsAt: new Date(), durationMinutes: 60, capacity: 10 };
  const join = new URL(await bbb.joinUrl(session, { role: 'trainee', fullName: 'منى', userId: 'b1' }));
  assert.equal(calls.length, 1);
  const create = new URL(calls[0]!);
  assert.equal(create.pathname, '/bigbluebutton/api/create');
  assert.equal(create.searchParams.get('meetingID'), `rabt-${session.id}`);
  assert.equal(join.pathname, '/bigbluebutton/api/join');
  assert.equal(join.searchParams.get('role'), 'VIEWER');
  assert.equal(join.searchParams.get('meetingID'), `rabt-${session.id}`);
  assert.notEqual(join.searchParams.get('password'), create.searchParams.get('moderatorPW'), 'a trainee never gets the moderator password');
  assert.equal(join.searchParams.get('password'), create.searchParams.get('attendeePW'));
  const trainer = new URL(await bbb.joinUrl(session, { role: 'trainer', fullName: 'عمرو', userId: 's1' }));
  assert.equal(trainer.searchParams.get('role'), 'MODERATOR');

  const failing = bbbConferencing({ url: 'https://bbb.example.org/bigbluebutton/', secret: 'top-secret-value', checksum: 'sha1', fetch: () => Promise.resolve({ ok: true, text: () => Promise.resolve('<response><returncode>FAILED</returncode><messageKey>checksumError</messageKey></response>') }) });
  await assert.rejects(failing.joinUrl(session, { role: 'trainee', fullName: 'x', userId: 'y' }), (e: Error) => e.message === 'conferencing_unavailable');
  const down = bbbConferencing({ url: 'https://bbb.example.org/bigbluebutton/', secret: 'top-secret-value', checksum: 'sha1', fetch: () => Promise.reject(new Error('ECONNREFUSED')) });
  await assert.rejects(down.joinUrl(session, { role: 'trainee', fullName: 'x', userId: 'y' }), (e: Error) => e.message === 'conferencing_unavailable');
});

test('getRecordings: published https playback URLs, newest first; unpublished and malformed ones skipped', () => {
  const xml = `<response><returncode>SUCCESS</returncode><recordings>
    <recording><recordID>old</recordID><published>true</published><startTime>1700000000000</startTime><playback><format><type>presentation</type><url>https://bbb.example.org/playback/presentation/2.3/old?a=1&amp;b=2</url></format></playback></recording>
    <recording><recordID>hidden</recordID><published>false</published><startTime>1800000000000</startTime><playback><format><url>https://bbb.example.org/hidden</url></format></playback></recording>
    <recording><recordID>new</recordID><published>true</published><startTime>1710000000000</startTime><playback><format><url><![CDATA[https://bbb.example.org/playback/new]]></url></format></playback></recording>
    <recording><recordID>bad</recordID><published>true</published><playback><format><url>javascript:alert(1)</url></format></playback></recording>
  </recordings></response>`;
  const r = parseRecordings(xml);
  assert.deepEqual(
    r.map((x) => [x.recordId, x.url]),
    [
      ['new', 'https://bbb.example.org/playback/new'],
      ['old', 'https://bbb.example.org/playback/presentation/2.3/old?a=1&b=2'],
    ],
  );
  assert.deepEqual(parseRecordings('<response><returncode>SUCCESS</returncode><recordings></recordings><messageKey>noRecordings</messageKey></response>'), []);
  assert.throws(() => parseRecordings('<response><returncode>FAILED</returncode></response>'));
});
