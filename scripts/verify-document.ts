/**
 * Offline verifier of Rabt documents (issue 4 §6): checks a downloaded verification file (`*.rabt.json`)
 * or a QR token against a cached trust bundle, with no network. The logic is @rabt/trust's, the same the
 * /verify web page runs; only the Ed25519 primitive here is node:crypto's.
 *
 *   npm run verify:offline -- --save-trust http://localhost:3000 [trust.json]   (online, once: cache the keys)
 *   npm run verify:offline -- EG-XXXX-XXXX-XXXX.rabt.json [--trust trust.json]    (offline)
 *   npm run verify:offline -- --token '<compact JWS from the QR URL after #>' [--trust trust.json]
 *
 * Exit code 0 when genuine, 1 when not genuine (the reason is printed in Arabic and English), 2 on usage errors.
 */
import { createHash, createPublicKey, verify as edVerify, type KeyObject } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { verifyDocumentBundle, verifyDocumentToken, type DocumentBundle, type Ed25519Verify, type TrustBundle, type VerifyReason } from '@rabt/trust';

const REASONS: Record<VerifyReason, { ar: string; en: string }> = {
  malformed: { ar: 'الملف أو الرمز تالف أو ليس من وثائق ربط', en: 'the file or token is damaged or not a Rabt document' },
  unknown_key: { ar: 'موقّع بمفتاح لا تعرفه الوزارات', en: 'signed with a key the ministries do not publish' },
  wrong_issuer: { ar: 'الجهة الموقّعة ليست الجهة المذكورة', en: 'signed by another node than the one it names' },
  bad_signature: { ar: 'التوقيع لا يطابق المحتوى: تم تغيير الوثيقة', en: 'the signature does not match the content: the document was altered' },
  missing_signature: { ar: 'ينقصه توقيع إحدى الوزارتين', en: 'one ministry’s signature is missing' },
  digest_mismatch: { ar: 'رمز الاستجابة السريعة يخص وثيقة أخرى', en: 'the QR token belongs to another document' },
  code_mismatch: { ar: 'رمز التحقق لا يطابق الوثيقة', en: 'the verification code does not match the document' },
  unknown_register: { ar: 'سجل الشفافية غير معروف', en: 'unknown transparency register' },
  checkpoint_not_signed: { ar: 'نقطة تحقق السجل غير موقّعة من السجل', en: 'the register checkpoint is not signed by its register' },
  not_enough_witnesses: { ar: 'نقطة التحقق بلا توقيع شاهد من الوزارة الشريكة', en: 'the checkpoint lacks a partner ministry’s witness cosignature' },
  not_in_register: { ar: 'الوثيقة غير مسجلة في سجل الشفافية', en: 'the document is not in the transparency register' },
};

const keys = new Map<string, KeyObject>();
/** node:crypto Ed25519 (about 1.3× WebCrypto's rate in Node 20); keys imported once. */
const nodeVerify: Ed25519Verify = (jwk, data, sig) => {
  const x = jwk.x ?? '';
  let key = keys.get(x);
  if (!key) {
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
    keys.set(x, key);
  }
  return Promise.resolve(edVerify(null, data, key, sig));
};
export { nodeVerify };

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<number> {
  const saveFrom = arg('--save-trust');
  const trustFile = arg('--trust') ?? 'trust.json';
  if (saveFrom) {
    const out = process.argv[process.argv.indexOf('--save-trust') + 2] ?? trustFile;
    const res = await fetch(`${saveFrom.replace(/\/$/, '')}/api/v1/trust/bundle`);
    if (!res.ok) throw new Error(`${saveFrom}: HTTP ${res.status}`);
    writeFileSync(out, JSON.stringify(await res.json(), null, 2));
    console.log(`trust bundle saved to ${out}`);
    return 0;
  }
  let trust: TrustBundle;
  try {
    trust = JSON.parse(readFileSync(trustFile, 'utf8')) as TrustBundle;
  } catch {
    console.error(`no trust bundle at ${trustFile}: run once online with --save-trust <node URL>`);
    return 2;
  }
  const token = arg('--token');
  const file = process.argv.slice(2).find((a, i, all) => !a.startsWith('--') && !['--trust', '--token'].includes(all[i - 1] ?? ''));
  if (!token && !file) {
    console.error('usage: verify-document <file.rabt.json> | --token <token> [--trust trust.json]');
    return 2;
  }
  const options = { verify: nodeVerify, sha256: (d: Uint8Array) => createHash('sha256').update(d).digest() };
  let bundle: DocumentBundle | undefined;
  if (!token) {
    try {
      bundle = JSON.parse(readFileSync(file!, 'utf8')) as DocumentBundle;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        console.error(`no such file: ${file}`);
        return 2;
      }
      bundle = undefined;
    }
  }
  const result = token ? await verifyDocumentToken(token, trust, options) : bundle ? await verifyDocumentBundle(bundle, trust, options) : ({ ok: false, reason: 'malformed', detail: 'the file is not JSON' } as const);
  if (!result.ok) {
    const r = REASONS[result.reason];
    console.log(`✗ غير أصلي — ${r.ar}\n✗ NOT GENUINE — ${r.en} (${result.reason}: ${result.detail})`);
    return 1;
  }
  const c = result.claims;
  const facts = (c.fields ?? []).map((f) => `${f.label.en}: ${f.value.en}`).join(' · ');
  console.log(`✓ أصلي — وثيقة ${c.code} موقّعة${'signedBy' in result ? ' من ' + result.signedBy.map((s) => s.country).join(' و') : ''}`);
  console.log(`✓ GENUINE — ${c.code}${'signedBy' in result ? ', signed by ' + result.signedBy.map((s) => s.country).join(' and ') : ''}${'register' in result && 'witnesses' in result.register ? `, in register ${result.register.origin} #${result.register.index}, witnessed by ${result.register.witnesses.join(', ')}` : ''}`);
  console.log(`  ${c.title?.en ?? c.kind} · ${facts}`);
  console.log('  Offline check: signatures and register only. Whether it was cancelled since is answered online at /verify.');
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(2);
    },
  );
}
