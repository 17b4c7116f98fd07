import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey, generateKeyPairSync, sign as nodeSign, type KeyObject } from 'node:crypto';
import fc from 'fast-check';
import {
  ALG_COSIGNATURE_V1,
  ALG_ED25519,
  appendSignatureLines,
  cosignatureLine,
  cosignatureMessage,
  cosignCheckpoint,
  encodeVerifierKey,
  formatCheckpoint,
  newVerifierKey,
  NoteFormatError,
  noteKeyId,
  openNote,
  parseCheckpoint,
  parseCosignatureLine,
  parseNote,
  parseVerifierKey,
  signNote,
  tryParseCheckpoint,
  tryParseVerifierKey,
  verifyCosignature,
  type NoteSigner,
  type VerifierKey,
} from './note.ts';

const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');

// golang.org/x/mod/sumdb/note note_test.go (BSD-3-Clause): TestNewVerifier, TestSign, TestOpen.
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const ENOCH_VKEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG = '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG = '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';
// C2SP tlog-checkpoint / tlog-cosignature examples (no public keys are published for them).
const C2SP_CHECKPOINT = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
const C2SP_COSIG = '— witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==';

function ed25519FromSeed(seed: Uint8Array): KeyObject {
  return createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]), format: 'der', type: 'pkcs8' });
}

function signerFor(name: string, alg: number, key: KeyObject): { signer: NoteSigner; verifier: VerifierKey } {
  const jwk = key.export({ format: 'jwk' });
  const publicKey = Uint8Array.from(Buffer.from(jwk.x!, 'base64url'));
  const verifier = newVerifierKey(name, alg, publicKey);
  return { verifier, signer: { name, keyId: verifier.keyId, sign: async (m) => Uint8Array.from(nodeSign(null, m, key)) } };
}

const fresh = (name: string, alg: number) => signerFor(name, alg, generateKeyPairSync('ed25519').privateKey);
const peter = parseVerifierKey(PETER_VKEY);
const enoch = parseVerifierKey(ENOCH_VKEY);

function peterSigner(): NoteSigner {
  const raw = Buffer.from(PETER_SKEY.split('+').slice(4).join('+'), 'base64');
  assert.equal(raw[0], ALG_ED25519);
  return signerFor('PeterNeumann', ALG_ED25519, ed25519FromSeed(raw.subarray(1))).signer;
}

describe('signed-note keys (c2sp.org/signed-note; sumdb/note vectors)', () => {
  test('PeterNeumann verifier key parses, round-trips and has key ID c74f20a3', () => {
    assert.equal(peter.name, 'PeterNeumann');
    assert.equal(peter.alg, ALG_ED25519);
    assert.equal(toHex(peter.keyId), 'c74f20a3');
    assert.equal(toHex(noteKeyId('PeterNeumann', ALG_ED25519, peter.publicKey)), 'c74f20a3');
    assert.equal(encodeVerifierKey(peter), PETER_VKEY);
    assert.equal(encodeVerifierKey('PeterNeumann', ALG_ED25519, peter.publicKey), PETER_VKEY);
    assert.equal(toHex(enoch.keyId), 'af0cfe78');
    assert.equal(toHex(peterSigner().keyId), 'c74f20a3');
  });

  test('every substring and every single-character increment of the key string is refused (TestNewVerifier)', () => {
    for (let i = 0; i <= PETER_VKEY.length; i++) {
      for (let j = i + 1; j <= PETER_VKEY.length; j++) {
        if (i === 0 && j === PETER_VKEY.length) continue;
        assert.equal(tryParseVerifierKey(PETER_VKEY.slice(i, j)).ok, false, PETER_VKEY.slice(i, j));
      }
    }
    for (let i = 0; i < PETER_VKEY.length; i++) {
      const k = PETER_VKEY.slice(0, i) + String.fromCharCode(PETER_VKEY.charCodeAt(i) + 1) + PETER_VKEY.slice(i + 1);
      assert.throws(() => parseVerifierKey(k), NoteFormatError, k);
    }
    assert.throws(() => parseVerifierKey('PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=='), NoteFormatError);
    const alg = tryParseVerifierKey('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW');
    assert.equal(alg.ok, false);
    assert.equal(!alg.ok && alg.reason, 'unsupported_algorithm');
    const mismatch = tryParseVerifierKey('PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW');
    assert.equal(!mismatch.ok && mismatch.reason, 'key_id_mismatch');
  });

  test('newVerifierKey refuses bad names, algorithms and key lengths', () => {
    for (const name of ['', 'a+b', 'a b', 'a\u00a0b', 'a\u0085b', 'a\nb']) assert.throws(() => newVerifierKey(name, ALG_ED25519, new Uint8Array(32)), TypeError, JSON.stringify(name));
    assert.throws(() => newVerifierKey('x', 0x02, new Uint8Array(32)), TypeError);
    assert.throws(() => newVerifierKey('x', ALG_ED25519, new Uint8Array(31)), TypeError);
  });
});

describe('signed notes', () => {
  test('signNote reproduces the sumdb/note TestSign vector byte for byte', async () => {
    assert.equal(await signNote(TEXT, [peterSigner()]), `${TEXT}\n${PETER_SIG}`);
    await assert.rejects(signNote('abc', [peterSigner()]), TypeError);
    await assert.rejects(signNote(TEXT, [{ ...peterSigner(), name: 'a+b' }]), TypeError);
    await assert.rejects(signNote(TEXT, []), TypeError);
  });

  test('openNote follows TestOpen: known keys verify, unknown ones are reported, none known fails', async () => {
    const note = `${TEXT}\n${PETER_SIG}${ENOCH_SIG}`;
    const one = await openNote(note, [peter]);
    assert.ok(one.ok);
    assert.equal(one.text, TEXT);
    assert.deepEqual(
      one.signatures.map((s) => [s.name, toHex(s.keyId), s.verified]),
      [
        ['PeterNeumann', 'c74f20a3', true],
        ['EnochRoot', 'af0cfe78', false],
      ],
    );
    const both = await openNote(note, [peter, enoch]);
    assert.ok(both.ok);
    assert.deepEqual(
      both.signatures.map((s) => s.verified),
      [true, true],
    );
    const none = await openNote(note, []);
    assert.equal(!none.ok && none.reason, 'unknown_key');
    const ambiguous = await openNote(`${TEXT}\n${ENOCH_SIG}`, [enoch, peter, enoch]);
    assert.equal(!ambiguous.ok && ambiguous.reason, 'ambiguous_key');
    assert.equal((await openNote(`${TEXT}\n${PETER_SIG}`, [enoch, peter, enoch])).ok, true);
    const tooMany = await openNote(`${TEXT}\n${PETER_SIG.repeat(101)}`, [peter]);
    assert.equal(!tooMany.ok && tooMany.reason, 'malformed');
    const invalid = await openNote(`${TEXT}\n${PETER_SIG.slice(0, 60)}ABCD${PETER_SIG.slice(60)}`, [peter]);
    assert.equal(!invalid.ok && invalid.reason, 'bad_signature');
    const dup = await openNote(`${TEXT}\n${PETER_SIG}${PETER_SIG}${ENOCH_SIG}${ENOCH_SIG}${ENOCH_SIG.slice(0, 60)}ABCD${ENOCH_SIG.slice(60)}`, [peter]);
    assert.ok(dup.ok);
    assert.deepEqual(
      dup.signatures.map((s) => [s.name, s.verified]),
      [
        ['PeterNeumann', true],
        ['EnochRoot', false],
        ['EnochRoot', false],
      ],
    );
    const misnamed = await openNote(`${TEXT}\n${PETER_SIG.replace('PeterNeumann', 'CarmenSandiego')}`, [peter]);
    assert.equal(!misnamed.ok && misnamed.reason, 'unknown_key');
  });

  test('malformed notes are refused (TestOpen badMsgs and more)', async () => {
    const bad = [
      TEXT,
      `${TEXT}\n`,
      `${TEXT}\n${PETER_SIG.slice(0, -1)}`,
      `\x01${TEXT}\n${PETER_SIG}`,
      `\ud800${TEXT}\n${PETER_SIG}`,
      `${TEXT}\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=`,
      `${TEXT}\n${PETER_SIG}Unexpected line.\n`,
      `${TEXT}\n${PETER_SIG.replace('—', '-')}`,
      `${TEXT}\n${PETER_SIG.replace('=\n', '\n')}`,
      `${TEXT}\n— PeterNeumann AAAA\n`,
    ];
    for (const msg of bad) {
      const r = await openNote(msg, [peter]);
      assert.equal(!r.ok && r.reason, 'malformed', JSON.stringify(msg));
    }
  });
});

describe('checkpoints (c2sp.org/tlog-checkpoint)', () => {
  const root = Uint8Array.from({ length: 32 }, (_, i) => i);

  test('format and parse round-trip; the C2SP example parses', () => {
    const text = formatCheckpoint({ origin: 'eg.rabt.example/register', size: 42, rootHash: root });
    assert.equal(text, `eg.rabt.example/register\n42\n${Buffer.from(root).toString('base64')}\n`);
    assert.deepEqual(parseCheckpoint(text), { origin: 'eg.rabt.example/register', size: 42, rootHash: root, extensions: [] });
    const ext = formatCheckpoint({ origin: 'o', size: 0, rootHash: root, extensions: ['ext one'] });
    assert.deepEqual(parseCheckpoint(ext).extensions, ['ext one']);
    const c = parseCheckpoint(C2SP_CHECKPOINT);
    assert.equal(c.size, 20852163);
    assert.equal(Buffer.from(c.rootHash).toString('base64'), 'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=');
  });

  test('strict parsing', () => {
    const r = Buffer.from(root).toString('base64');
    const bad = [
      `o\n42\n${r}`,
      `o\n042\n${r}\n`,
      `o\n+42\n${r}\n`,
      `o\n 42\n${r}\n`,
      `o\n4.2\n${r}\n`,
      `o\n9007199254740992\n${r}\n`,
      `o\n42\n${r.slice(0, -4)}\n`,
      `o\n42\n${r.replace('=', '')}\n`,
      `o\n42\n${r.slice(0, -2)}F=\n`, // non-canonical: the unused low bits of 'F' are not zero
      `\n42\n${r}\n`,
      `o\n42\n${r}\n\n`,
      `o\n42\n`,
      `o\r\n42\n${r}\n`,
    ];
    for (const t of bad) {
      const res = tryParseCheckpoint(t);
      assert.equal(!res.ok && res.reason, 'malformed', JSON.stringify(t));
      assert.throws(() => parseCheckpoint(t), NoteFormatError);
    }
    assert.throws(() => formatCheckpoint({ origin: 'a\nb', size: 1, rootHash: root }), TypeError);
    assert.throws(() => formatCheckpoint({ origin: 'o', size: -1, rootHash: root }), TypeError);
    assert.throws(() => formatCheckpoint({ origin: 'o', size: 1, rootHash: root.slice(1) }), TypeError);
    assert.throws(() => formatCheckpoint({ origin: 'o', size: 1, rootHash: root, extensions: [''] }), TypeError);
  });
});

describe('witness cosignatures (c2sp.org/tlog-cosignature, cosignature/v1)', () => {
  const log = fresh('eg.rabt.example/register', ALG_ED25519);
  const witness = fresh('sa.rabt.example/witness', ALG_COSIGNATURE_V1);
  const rootHash = Uint8Array.from({ length: 32 }, (_, i) => 255 - i);
  const text = formatCheckpoint({ origin: log.signer.name, size: 1234, rootHash });

  test('the C2SP example line decodes to its documented timestamp', () => {
    const c = parseCosignatureLine(C2SP_COSIG);
    assert.ok(c);
    assert.equal(c.name, 'witness.example.com/w1');
    assert.equal(c.timestamp, 1679315147);
    assert.equal(c.signature.length, 64);
    assert.equal(new TextDecoder().decode(cosignatureMessage(C2SP_CHECKPOINT, 1679315147)), `cosignature/v1\ntime 1679315147\n${C2SP_CHECKPOINT}`);
    assert.equal(parseCosignatureLine(PETER_SIG), null);
  });

  test('cosign, verify, append to the log-signed note, open with log and witness keys', async () => {
    assert.equal(toHex(witness.verifier.keyId), toHex(noteKeyId(witness.signer.name, 0x04, witness.verifier.publicKey)));
    const note = await signNote(text, [log.signer]);
    const line = await cosignCheckpoint(text, witness.signer, 1767225600);
    assert.ok(line.startsWith('— sa.rabt.example/witness '));
    assert.deepEqual(await verifyCosignature(text, line, witness.verifier), { ok: true, timestamp: 1767225600 });
    assert.deepEqual(await verifyCosignature(text, `${line}\n`, witness.verifier), { ok: true, timestamp: 1767225600 });
    const cosigned = appendSignatureLines(note, [line]);
    const opened = await openNote(cosigned, [log.verifier, witness.verifier]);
    assert.ok(opened.ok);
    assert.equal(opened.text, text);
    assert.deepEqual(
      opened.signatures.map((s) => [s.name, s.verified, s.alg, s.timestamp]),
      [
        [log.signer.name, true, ALG_ED25519, undefined],
        [witness.signer.name, true, ALG_COSIGNATURE_V1, 1767225600],
      ],
    );
    // A newer cosignature from the same witness replaces the older line.
    const newer = await cosignCheckpoint(text, witness.signer, 1767225700);
    const replaced = appendSignatureLines(cosigned, [newer]);
    assert.equal(parseNote(replaced).ok && (parseNote(replaced) as { signatures: unknown[] }).signatures.length, 2);
    const reopened = await openNote(replaced, [log.verifier, witness.verifier]);
    assert.ok(reopened.ok);
    assert.equal(reopened.signatures[1]!.timestamp, 1767225700);
    // The log's note opens with the log key alone; the cosignature is then just unverified.
    const logOnly = await openNote(cosigned, [log.verifier]);
    assert.ok(logOnly.ok);
    assert.deepEqual(
      logOnly.signatures.map((s) => s.verified),
      [true, false],
    );
    assert.equal(cosignatureLine(witness.signer.name, witness.signer.keyId, 5, new Uint8Array(64)).includes('\n'), false);
    assert.throws(() => cosignatureLine(witness.signer.name, witness.signer.keyId, -1, new Uint8Array(64)), TypeError);
  });

  test('cosignature failures carry their reason', async () => {
    const line = await cosignCheckpoint(text, witness.signer, 1767225600);
    const other = fresh('jo.rabt.example/witness', ALG_COSIGNATURE_V1);
    const sameKeyAsNoteKey = newVerifierKey(witness.signer.name, ALG_ED25519, witness.verifier.publicKey);
    const cases: [string, Promise<unknown>, string][] = [
      ['other checkpoint', verifyCosignature(text.replace('1234', '1235'), line, witness.verifier), 'bad_signature'],
      ['other witness', verifyCosignature(text, line, other.verifier), 'unknown_key'],
      ['0x01 key', verifyCosignature(text, line, sameKeyAsNoteKey), 'unsupported_algorithm'],
      ['garbage', verifyCosignature(text, 'not a line', witness.verifier), 'malformed'],
      ['two lines', verifyCosignature(text, `${line}\n${line}`, witness.verifier), 'malformed'],
      ['wrong timestamp', verifyCosignature(text, cosignatureLine(witness.signer.name, witness.signer.keyId, 1767225601, parseCosignatureLine(line)!.signature), witness.verifier), 'bad_signature'],
    ];
    for (const [desc, p, reason] of cases) {
      const r = (await p) as { ok: boolean; reason?: string };
      assert.equal(r.ok, false, desc);
      assert.equal(r.reason, reason, desc);
    }
    // Domain separation: the same Ed25519 key as a 0x01 note key has another key ID, so a cosignature
    // line is never taken for a plain note signature (and vice versa).
    const asNoteKey = await openNote(appendSignatureLines(await signNote(text, [log.signer]), [line]), [log.verifier, sameKeyAsNoteKey]);
    assert.ok(asNoteKey.ok);
    assert.equal(asNoteKey.signatures[1]!.verified, false);
    const plain = await signNote(text, [{ ...witness.signer, keyId: witness.verifier.keyId }]);
    const r = await openNote(plain, [witness.verifier]);
    assert.equal(!r.ok && r.reason, 'bad_signature');
  });
});

describe('properties: any single-bit change to a signed checkpoint is rejected', () => {
  const log = fresh('eg.rabt.example/register', ALG_ED25519);
  const witness = fresh('sa.rabt.example/witness', ALG_COSIGNATURE_V1);
  const keys = [log.verifier, witness.verifier];
  const fatal = new TextDecoder('utf-8', { fatal: true });

  async function cosignedNote(size: number, rootHash: Uint8Array, t: number): Promise<string> {
    const text = formatCheckpoint({ origin: log.signer.name, size, rootHash });
    return appendSignatureLines(await signNote(text, [log.signer]), [await cosignCheckpoint(text, witness.signer, t)]);
  }

  /**
   * With one bit of the note's UTF-8 flipped, the note must not open with both the log and the witness
   * verified (or the bytes are not even UTF-8). A flip in the text always fails outright. A flip in a
   * signature line's key name turns that line into an unknown key's, which signed-note says to ignore, so
   * the note may still open on the other signature: the caller's policy (log signature plus a quorum
   * of witnesses) then refuses it, which is what this checks.
   */
  async function assertFlipRejected(note: string, bit: number): Promise<void> {
    const textBits = Buffer.byteLength(note.slice(0, note.lastIndexOf('\n\n') + 1), 'utf8') * 8;
    const bytes = Buffer.from(note, 'utf8');
    bytes[bit >> 3]! ^= 1 << (bit & 7);
    let mutated: string;
    try {
      mutated = fatal.decode(bytes);
    } catch {
      return;
    }
    const r = await openNote(mutated, keys);
    if (!r.ok) return;
    assert.ok(bit >= textBits, `bit ${bit} of the text flipped and the note still opened: ${JSON.stringify(mutated)}`);
    assert.ok(r.signatures.filter((s) => s.verified).length < 2, `bit ${bit} flipped and both signatures still verify`);
  }

  test('every bit of one cosigned checkpoint note', async () => {
    const note = await cosignedNote(20852163, Uint8Array.from({ length: 32 }, (_, i) => i * 7), 1767225600);
    assert.equal((await openNote(note, keys)).ok, true);
    const bits = Buffer.byteLength(note, 'utf8') * 8;
    for (let bit = 0; bit < bits; bit++) await assertFlipRejected(note, bit);
  });

  test('every bit of a note with one signature fails outright', async () => {
    const note = await signNote(formatCheckpoint({ origin: log.signer.name, size: 7, rootHash: new Uint8Array(32) }), [log.signer]);
    const bytes = Buffer.from(note, 'utf8');
    for (let bit = 0; bit < bytes.length * 8; bit++) {
      const b = Buffer.from(bytes);
      b[bit >> 3]! ^= 1 << (bit & 7);
      let mutated: string;
      try {
        mutated = fatal.decode(b);
      } catch {
        continue;
      }
      assert.equal((await openNote(mutated, keys)).ok, false, `bit ${bit}`);
    }
  });

  test('random checkpoints, random bit', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 2 ** 40 }), fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.nat({ max: 2 ** 33 }), fc.nat(), async (size, root, t, bitSeed) => {
        const note = await cosignedNote(size, root, t);
        await assertFlipRejected(note, bitSeed % (Buffer.byteLength(note, 'utf8') * 8));
      }),
      { numRuns: 200 },
    );
  });

  test('changing the size in a signed checkpoint (±1, any bit) breaks the signature', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 40 }), fc.uint8Array({ minLength: 32, maxLength: 32 }), async (size, root) => {
        const note = await cosignedNote(size, root, 1767225600);
        const lines = note.split('\n');
        const flip = (n: number, b: number) => (Math.floor(n / 2 ** b) % 2 === 1 ? n - 2 ** b : n + 2 ** b);
        for (const s of [size - 1, size + 1, ...Array.from({ length: 42 }, (_, b) => flip(size, b))]) {
          const mutated = [lines[0], String(s), ...lines.slice(2)].join('\n');
          const r = await openNote(mutated, keys);
          assert.equal(!r.ok && r.reason, 'bad_signature', `size ${size} -> ${s}`);
        }
      }),
      { numRuns: 30 },
    );
  });
});
