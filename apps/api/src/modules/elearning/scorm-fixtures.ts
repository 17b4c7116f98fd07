import assert from 'node:assert/strict';
import vm from 'node:vm';
import { strToU8, zipSync, type Zippable } from 'fflate';

/**
 * SCORM 1.2 packages built in tests (not a test file): an imsmanifest.xml (ADL SCORM 1.2 CAM) and a
 * one-page SCO whose script runs the SCORM 1.2 API calls a real SCO makes: LMSInitialize, reads
 * cmi.suspend_data, cmi.core.lesson_location (resume) and cmi.core.total_time, sets location, suspend data,
 * score, status and a session time of 30 seconds, LMSCommit, LMSFinish. The page writes what it saw into #out, including whether it could read the
 * parent page or Rabt's cookies (it must not: the frame is sandboxed with an opaque origin). runSco runs
 * such a page's script under the served run-time and bootstrap, in Node, as the browser would.
 */

/** A SCO item of a test manifest: its title, launch file and, verbatim, its adlcp:masteryscore and adlcp:prerequisites (absent when undefined). */
export type ManifestSco = { title: string; href: string; masteryScore?: string; prerequisites?: string };

/**
 * An imsmanifest.xml; `scos` lists the SCOs of the organization in order (items i1, i2 … referencing
 * resources r1, r2 …), else one SCO launching `href`.
 */
export function scormManifest(options: { schemaversion?: string | null; href?: string; title?: string; scormType?: 'scormtype' | 'scormType'; namespace?: string; scos?: ManifestSco[] } = {}): string {
  const scos = options.scos ?? [{ title: 'الوحدة الأولى', href: options.href ?? 'index.html' }];
  const version = options.schemaversion === null ? '' : `<metadata><schema>ADL SCORM</schema><schemaversion>${options.schemaversion ?? '1.2'}</schemaversion></metadata>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="rabt-test" version="1" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" xmlns:adlcp="${options.namespace ?? 'http://www.adlnet.org/xsd/adlcp_rootv1p2'}">
  ${version}
  <organizations default="org1">
    <organization identifier="org1">
      <title>${options.title ?? 'السلامة الكهربائية — وحدة تفاعلية'}</title>
      ${scos.map((sco, i) => `<item identifier="i${i + 1}" identifierref="r${i + 1}"><title>${sco.title}</title>${itemExtras(sco)}</item>`).join('\n      ')}
    </organization>
  </organizations>
  <resources>
    ${scos.map((sco, i) => `<resource identifier="r${i + 1}" type="webcontent" adlcp:${options.scormType ?? 'scormtype'}="sco" href="${sco.href}"><file href="${sco.href}"/></resource>`).join('\n    ')}
  </resources>
</manifest>`;
}

function itemExtras(sco: ManifestSco): string {
  const mastery = sco.masteryScore === undefined ? '' : `<adlcp:masteryscore>${sco.masteryScore}</adlcp:masteryscore>`;
  // An AICC script's & and < are escaped in XML, as authoring tools write them.
  const prerequisites = sco.prerequisites === undefined ? '' : `<adlcp:prerequisites type="aicc_script">${sco.prerequisites.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</adlcp:prerequisites>`;
  return prerequisites + mastery;
}

export const SCO_HTML = `<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<title>وحدة SCORM تجريبية</title>
<link rel="stylesheet" href="css/sco.css">
</head>
<body>
<h1>وحدة تجريبية</h1>
<p id="out">…</p>
<script>
  var api = window.API;
  var out = [];
  if (!api) { out.push('no-api'); } else {
    out.push('init=' + api.LMSInitialize(''));
    var previous = api.LMSGetValue('cmi.suspend_data');
    out.push('resume=' + (previous || '-') + '@' + (api.LMSGetValue('cmi.core.lesson_location') || '-'));
    out.push('total=' + api.LMSGetValue('cmi.core.total_time'));
    var visits = Number((previous.split('=')[1]) || 0) + 1;
    api.LMSSetValue('cmi.core.lesson_location', 'page-' + visits);
    api.LMSSetValue('cmi.suspend_data', 'visits=' + visits);
    api.LMSSetValue('cmi.core.score.raw', '90');
    api.LMSSetValue('cmi.core.lesson_status', 'passed');
    api.LMSSetValue('cmi.core.session_time', '00:00:30');
    out.push('commit=' + api.LMSCommit(''));
    out.push('finish=' + api.LMSFinish(''));
  }
  try { out.push('cookie=' + (document.cookie === '' ? 'empty' : 'read')); } catch (e) { out.push('cookie=blocked'); }
  try { out.push('parent=' + (window.parent.document ? 'read' : 'none')); } catch (e) { out.push('parent=blocked'); }
  document.getElementById('out').textContent = out.join(' ');
</script>
</body>
</html>`;

/** A SCORM 1.2 package: manifest, the SCO page, a stylesheet; `extra` entries are added (or replace) as given. */
export function scormZip(options: { manifest?: string | null; extra?: Zippable } = {}): Buffer {
  const files: Zippable = {
    ...(options.manifest === null ? {} : { 'imsmanifest.xml': strToU8(options.manifest ?? scormManifest()) }),
    'index.html': strToU8(SCO_HTML),
    'css/sco.css': strToU8('body { font-family: sans-serif; }'),
    ...options.extra,
  };
  return Buffer.from(zipSync(files));
}

/** What a SCO posted to its parent window (the bootstrap's report). */
export interface Posted {
  type: string;
  report: Record<string, unknown>;
}

/** Runs the SCO page's inline script in a window-like VM context after the served run-time and bootstrap; returns what it posted to its parent and wrote to #out. */
export function runSco(runtimeJs: string, bootJs: string, html: string): { posted: Posted[]; out: string } {
  const posted: Posted[] = [];
  const parent = { postMessage: (m: Posted, origin: string) => (assert.equal(origin, '*'), posted.push(JSON.parse(JSON.stringify(m)) as Posted)) };
  const out = { textContent: '' };
  const win: Record<string, unknown> = { console: { ...console, log() {}, info() {}, debug() {} }, setTimeout, clearTimeout, setInterval, clearInterval, document: { getElementById: () => out, cookie: '' }, parent, top: parent };
  win.window = win;
  win.self = win;
  vm.createContext(win);
  vm.runInContext(runtimeJs, win);
  vm.runInContext(bootJs, win);
  const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1];
  assert.ok(script, 'the SCO page has an inline script');
  vm.runInContext(script, win);
  return { posted, out: out.textContent };
}
