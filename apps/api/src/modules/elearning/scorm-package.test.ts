import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { SCORM_PACKAGE_LIMITS } from '@rabt/contracts';
import { AppError } from '../../http/errors.ts';
import { MAX_SCOS, readScormPackage, safePackagePath, scormMediaType } from './scorm-package.ts';
import { scormManifest, scormZip, type ManifestSco } from './scorm-fixtures.ts';

/**
 * The SCORM 1.2 package checks at the upload boundary (issue 6 §1): what a trainer's upload is refused
 * for, with which stable problem code, and what a valid package yields (title, launch file, kept files).
 */

async function refusal(zip: Uint8Array, limits?: Parameters<typeof readScormPackage>[1]): Promise<string> {
  try {
    await readScormPackage(zip, limits);
  } catch (err) {
    assert.ok(err instanceof AppError, String(err));
    return err.code;
  }
  assert.fail('the package was accepted');
}

describe('SCORM 1.2 package checks', () => {
  test('a valid package: its organization title, the first SCO launch file, allow-listed files kept and the rest counted', async () => {
    const pkg = await readScormPackage(scormZip({ extra: { 'notes.docx': strToU8('x'), 'media/clip.mp4': new Uint8Array(10), 'data/': new Uint8Array(0) } }));
    assert.equal(pkg.title, 'السلامة الكهربائية — وحدة تفاعلية');
    assert.equal(pkg.launchHref, 'index.html');
    assert.deepEqual([...pkg.files.keys()].sort(), ['css/sco.css', 'imsmanifest.xml', 'index.html', 'media/clip.mp4']);
    assert.equal(pkg.skipped, 1);
    assert.match(new TextDecoder().decode(pkg.files.get('index.html')), /LMSInitialize/);
  });

  test('several SCOs: every item of the default organization that launches a SCO, depth-first, with its title; asset items are skipped', async () => {
    const manifest = scormManifest({ scos: [{ title: 'الجزء الأول', href: 'index.html' }, { title: 'الجزء الثاني', href: 'part2.html?step=2' }, { title: 'الجزء الثالث', href: 'part3.html' }] })
      // Nest the third item under the second, and add an item whose resource is an asset (not a SCO).
      .replace(/(<item identifier="i2"[^>]*><title>[^<]*<\/title>)<\/item>\s*(<item identifier="i3".*?<\/item>)/s, '$1$2</item><item identifier="a1" identifierref="asset"><title>ملف</title></item>')
      .replace('</resources>', '<resource identifier="asset" type="webcontent" adlcp:scormtype="asset" href="css/sco.css"/></resources>');
    const pkg = await readScormPackage(scormZip({ manifest, extra: { 'part2.html': strToU8('<html></html>'), 'part3.html': strToU8('<html></html>') } }));
    assert.deepEqual(pkg.scos, [
      { identifier: 'i1', title: 'الجزء الأول', launchHref: 'index.html', masteryScore: null, prerequisites: [] },
      { identifier: 'i2', title: 'الجزء الثاني', launchHref: 'part2.html?step=2', masteryScore: null, prerequisites: [] },
      { identifier: 'i3', title: 'الجزء الثالث', launchHref: 'part3.html', masteryScore: null, prerequisites: [] },
    ]);
    assert.equal(pkg.launchHref, 'index.html');
    assert.equal(pkg.title, 'السلامة الكهربائية — وحدة تفاعلية');
    // A single-SCO package is one SCO, as before.
    assert.deepEqual((await readScormPackage(scormZip())).scos, [{ identifier: 'i1', title: 'الوحدة الأولى', launchHref: 'index.html', masteryScore: null, prerequisites: [] }]);
    // More than MAX_SCOS is refused.
    const many = Array.from({ length: MAX_SCOS + 1 }, (_, i) => ({ title: `جزء ${i}`, href: 'index.html' }));
    assert.equal(await refusal(scormZip({ manifest: scormManifest({ scos: many }) })), 'scorm_manifest_invalid');
  });

  const threeScos = (scos: Omit<ManifestSco, 'href'>[]) =>
    scormZip({ manifest: scormManifest({ scos: scos.map((sco, i) => ({ ...sco, href: i === 0 ? 'index.html' : `part${i + 1}.html` })) }), extra: { 'part2.html': strToU8('<html></html>'), 'part3.html': strToU8('<html></html>') } });

  test('adlcp:masteryscore: read per SCO as a number from 0 to 100 (decimals allowed, none or empty is null)', async () => {
    const pkg = await readScormPackage(threeScos([{ title: 'أ', masteryScore: '80' }, { title: 'ب', masteryScore: ' 72.5 ' }, { title: 'ج' }]));
    assert.deepEqual(pkg.scos.map((s) => s.masteryScore), [80, 72.5, null]);
    for (const [value, expected] of [['0', 0], ['100', 100], ['100.0', 100], ['', null], ['007', 7]] as const) {
      assert.equal((await readScormPackage(threeScos([{ title: 'أ', masteryScore: value }, { title: 'ب' }, { title: 'ج' }]))).scos[0]!.masteryScore, expected, value);
    }
    // On an item that is not a SCO it is not read at all.
    const onAsset = scormManifest().replace('</organization>', '<item identifier="a1" identifierref="asset"><title>ملف</title><adlcp:masteryscore>abc</adlcp:masteryscore></item></organization>').replace('</resources>', '<resource identifier="asset" type="webcontent" adlcp:scormtype="asset" href="css/sco.css"/></resources>');
    assert.equal((await readScormPackage(scormZip({ manifest: onAsset }))).scos.length, 1);
  });

  test('a mastery score that is not a number from 0 to 100 is refused as scorm_mastery_score_invalid, naming the item', async () => {
    for (const value of ['101', '100.01', '-5', '+80', '80%', '٨٠', '8,5', '1e2', 'abc', '8 0', '.5', '80.', '1000', '80.12345']) {
      assert.equal(await refusal(threeScos([{ title: 'أ' }, { title: 'ب', masteryScore: value }, { title: 'ج' }])), 'scorm_mastery_score_invalid', value);
    }
    const twice = scormManifest({ scos: [{ title: 'أ', href: 'index.html', masteryScore: '50' }] }).replace('</adlcp:masteryscore>', '</adlcp:masteryscore><adlcp:masteryscore>60</adlcp:masteryscore>');
    assert.equal(await refusal(scormZip({ manifest: twice })), 'scorm_mastery_score_invalid');
    try {
      await readScormPackage(threeScos([{ title: 'أ' }, { title: 'ب', masteryScore: '120' }, { title: 'ج' }]));
      assert.fail('accepted');
    } catch (err) {
      assert.ok(err instanceof AppError);
      assert.match(err.options.detail ?? '', /item "i2".*"120"/);
    }
  });

  test('adlcp:prerequisites: the simple form (an earlier item, or several joined by &) gives the positions required', async () => {
    const pkg = await readScormPackage(threeScos([{ title: 'أ' }, { title: 'ب', prerequisites: 'i1' }, { title: 'ج', prerequisites: ' i2 & i1 &i2 ' }]));
    assert.deepEqual(pkg.scos.map((s) => s.prerequisites), [[], [0], [0, 1]]);
    assert.equal(pkg.ignoredPrerequisites, 0);
  });

  test('any other prerequisite expression is no prerequisite, and is counted as ignored', async () => {
    const cases = [
      'i1|i2', // or
      '~i1', // not
      '(i1&i2)', // parentheses
      'i1=passed', // status comparison
      '2*{i1,i2}', // set with a count
      'i1&', // dangling operator
      'i9', // no such item
      'i3', // a later SCO (for the second)
      'i2', // itself (for the second)
      'org1', // not an item
    ];
    for (const script of cases) {
      const pkg = await readScormPackage(threeScos([{ title: 'أ' }, { title: 'ب', prerequisites: script }, { title: 'ج' }]));
      assert.deepEqual(pkg.scos[1]!.prerequisites, [], script);
      assert.equal(pkg.ignoredPrerequisites, 1, script);
    }
    // Empty is simply none (not counted).
    assert.equal((await readScormPackage(threeScos([{ title: 'أ' }, { title: 'ب', prerequisites: '' }, { title: 'ج' }]))).ignoredPrerequisites, 0);
  });

  test('the launch file comes from the default organization, with xml:base and a query string kept', async () => {
    const manifest = scormManifest({ href: 'start.html?lang=ar' }).replace('<resources>', '<resources xml:base="content/">');
    const pkg = await readScormPackage(scormZip({ manifest, extra: { 'content/start.html': strToU8('<html></html>') } }));
    assert.equal(pkg.launchHref, 'content/start.html?lang=ar');
  });

  test('anything but a zip is refused as scorm_not_zip, before any parsing', async () => {
    assert.equal(await refusal(strToU8('%PDF-1.7 not a zip')), 'scorm_not_zip');
    assert.equal(await refusal(new Uint8Array(0)), 'scorm_not_zip');
  });

  test('a damaged zip is scorm_zip_invalid', async () => {
    const zip = scormZip();
    assert.equal(await refusal(zip.subarray(0, zip.length - 30)), 'scorm_zip_invalid');
  });

  test('path traversal, absolute paths, drive letters and backslashes are refused as scorm_unsafe_path', async () => {
    for (const name of ['../evil.html', 'a/../../evil.html', '/etc/passwd', 'C:/evil.html', 'a\\..\\evil.html', 'a//b.html', './index2.html']) {
      assert.equal(await refusal(scormZip({ extra: { [name]: strToU8('x') } })), 'scorm_unsafe_path', name);
    }
  });

  test('no imsmanifest.xml at the root (none, or only in a folder) is scorm_manifest_missing', async () => {
    assert.equal(await refusal(scormZip({ manifest: null })), 'scorm_manifest_missing');
    assert.equal(await refusal(scormZip({ manifest: null, extra: { 'course/imsmanifest.xml': strToU8(scormManifest()) } })), 'scorm_manifest_missing');
  });

  test('SCORM 2004 is refused as scorm_version_unsupported, by schemaversion or by its namespace', async () => {
    for (const v of ['2004 3rd Edition', '2004 4th Edition', 'CAM 1.3']) {
      assert.equal(await refusal(scormZip({ manifest: scormManifest({ schemaversion: v, scormType: 'scormType', namespace: 'http://www.adlnet.org/xsd/adlcp_v1p3' }) })), 'scorm_version_unsupported', v);
    }
    assert.equal(await refusal(scormZip({ manifest: scormManifest({ schemaversion: null, namespace: 'http://www.adlnet.org/xsd/adlcp_v1p3' }) })), 'scorm_version_unsupported');
    // A SCORM 1.2 manifest without metadata is still recognised by the SCORM 1.2 adlcp namespace.
    assert.equal((await readScormPackage(scormZip({ manifest: scormManifest({ schemaversion: null }) }))).launchHref, 'index.html');
  });

  test('a manifest that is not XML, or declares a DOCTYPE or entities, is scorm_manifest_invalid', async () => {
    assert.equal(await refusal(scormZip({ manifest: '<manifest><unclosed></manifest>' })), 'scorm_manifest_invalid');
    const laughs = `<?xml version="1.0"?><!DOCTYPE manifest [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>${scormManifest().replace(/^<\?xml[^>]*>/, '')}`;
    assert.equal(await refusal(scormZip({ manifest: laughs })), 'scorm_manifest_invalid');
    assert.equal(await refusal(scormZip({ manifest: '<?xml version="1.0"?><package/>' })), 'scorm_manifest_invalid');
  });

  test('no SCO whose launch file is in the package (missing file, external URL, traversal in href) is scorm_no_sco', async () => {
    for (const href of ['missing.html', 'https://example.org/sco.html', '../index.html']) {
      assert.equal(await refusal(scormZip({ manifest: scormManifest({ href }) })), 'scorm_no_sco', href);
    }
    const asset = scormManifest().replace('adlcp:scormtype="sco"', 'adlcp:scormtype="asset"');
    assert.equal(await refusal(scormZip({ manifest: asset })), 'scorm_no_sco');
  });

  test('zip bomb limits: too many entries, too large declared in the central directory, a file over the zip size limit', async () => {
    const limits = { ...SCORM_PACKAGE_LIMITS, entries: 5 };
    const many = scormZip({ extra: Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`f${i}.txt`, strToU8('x')])) });
    assert.equal(await refusal(many, limits), 'scorm_too_many_files');
    const big = scormZip({ extra: { 'big.txt': new Uint8Array(3 * 1024 * 1024) } });
    assert.ok(big.length < 64 * 1024, 'zeros compress well: the zip itself is small');
    assert.equal(await refusal(big, { ...SCORM_PACKAGE_LIMITS, uncompressedBytes: 2 * 1024 * 1024 }), 'scorm_too_large');
    assert.equal(await refusal(big, { ...SCORM_PACKAGE_LIMITS, zipBytes: 1024 }), 'scorm_too_large');
  });

  test('an entry that inflates beyond the size it declares is stopped while inflating (scorm_zip_invalid)', async () => {
    const zip = Buffer.from(zipSync({ 'imsmanifest.xml': strToU8(scormManifest()), 'index.html': strToU8('<html></html>'), 'bomb.txt': new Uint8Array(8 * 1024 * 1024) }));
    // Rewrite bomb.txt's uncompressed size to 100 bytes, in its local header (offset 22) and central directory entry (offset 24).
    const name = Buffer.from('bomb.txt');
    for (let i = 0; i < zip.length - 4; i++) {
      const sig = zip.readUInt32LE(i);
      if (sig === 0x04034b50 && zip.subarray(i + 30, i + 30 + name.length).equals(name)) zip.writeUInt32LE(100, i + 22);
      if (sig === 0x02014b50 && zip.subarray(i + 46, i + 46 + name.length).equals(name)) zip.writeUInt32LE(100, i + 24);
    }
    assert.equal(await refusal(zip), 'scorm_zip_invalid');
  });

  test('property: an accepted path is relative and has no "..", "." or empty segment; paths of safe segments are accepted', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (name) => {
        const ok = safePackagePath(name);
        if (ok === null) return;
        assert.ok(!name.startsWith('/') && !name.includes('\\') && !/^[A-Za-z]:/.test(name), name);
        const segs = (name.endsWith('/') ? name.slice(0, -1) : name).split('/');
        assert.ok(segs.every((s) => s !== '..' && s !== '.' && s !== ''), name);
      }),
    );
    const segment = fc.stringMatching(/^[A-Za-z0-9_\u0600-\u06ff -]{1,12}(\.[a-z]{1,4})?$/).filter((s) => s !== '.' && s !== '..' && !/^[A-Za-z]:/.test(s));
    fc.assert(fc.property(fc.array(segment, { minLength: 1, maxLength: 6 }), (segs) => assert.equal(safePackagePath(segs.join('/')), segs.join('/'))));
    fc.assert(fc.property(fc.array(segment, { maxLength: 3 }), fc.array(segment, { maxLength: 3 }), (a, b) => assert.equal(safePackagePath([...a, '..', ...b].join('/')), null)));
  });

  test('content types come from the extension allow list only', () => {
    assert.equal(scormMediaType('a/b/INDEX.HTM'), 'text/html');
    assert.equal(scormMediaType('player.js'), 'text/javascript; charset=utf-8');
    assert.equal(scormMediaType('run.exe'), null);
    assert.equal(scormMediaType('.htaccess'), null);
    assert.equal(scormMediaType('noext'), null);
  });
});
