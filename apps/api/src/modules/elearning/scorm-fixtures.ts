import { strToU8, zipSync, type Zippable } from 'fflate';

/**
 * SCORM 1.2 packages built in tests (not a test file): an imsmanifest.xml (ADL SCORM 1.2 CAM) and a
 * one-page SCO whose script runs the SCORM 1.2 API calls a real SCO makes: LMSInitialize, reads
 * cmi.suspend_data, cmi.core.lesson_location (resume) and cmi.core.total_time, sets location, suspend data,
 * score, status and a session time of 30 seconds, LMSCommit, LMSFinish. The page writes what it saw into #out, including whether it could read the
 * parent page or Rabt's cookies (it must not: the frame is sandboxed with an opaque origin).
 */

/**
 * An imsmanifest.xml; `scos` lists the SCOs of the organization in order (items i1, i2 … referencing
 * resources r1, r2 …), else one SCO launching `href`.
 */
export function scormManifest(options: { schemaversion?: string | null; href?: string; title?: string; scormType?: 'scormtype' | 'scormType'; namespace?: string; scos?: { title: string; href: string }[] } = {}): string {
  const scos = options.scos ?? [{ title: 'الوحدة الأولى', href: options.href ?? 'index.html' }];
  const version = options.schemaversion === null ? '' : `<metadata><schema>ADL SCORM</schema><schemaversion>${options.schemaversion ?? '1.2'}</schemaversion></metadata>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="rabt-test" version="1" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" xmlns:adlcp="${options.namespace ?? 'http://www.adlnet.org/xsd/adlcp_rootv1p2'}">
  ${version}
  <organizations default="org1">
    <organization identifier="org1">
      <title>${options.title ?? 'السلامة الكهربائية — وحدة تفاعلية'}</title>
      ${scos.map((sco, i) => `<item identifier="i${i + 1}" identifierref="r${i + 1}"><title>${sco.title}</title></item>`).join('\n      ')}
    </organization>
  </organizations>
  <resources>
    ${scos.map((sco, i) => `<resource identifier="r${i + 1}" type="webcontent" adlcp:${options.scormType ?? 'scormtype'}="sco" href="${sco.href}"><file href="${sco.href}"/></resource>`).join('\n    ')}
  </resources>
</manifest>`;
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
