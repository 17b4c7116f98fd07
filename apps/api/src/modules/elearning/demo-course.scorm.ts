/**
 * The demo course's SCORM 1.2 package, built at seed time with fflate (demo data only): an imsmanifest.xml
 * (ADL SCORM 1.2 CAM: metadata/schemaversion 1.2, one organization, one SCO resource) and a self-contained
 * Arabic page (no external requests) with a three-question self-check. The SCO calls LMSInitialize on load;
 * each check sets cmi.core.score.raw (percent) and cmi.core.lesson_status, then LMSCommit; when every
 * answer is right it sets `passed` and calls LMSFinish, otherwise `incomplete` and lets the trainee try again.
 * Without an API (opened outside an LMS) it still works as a self-check and says nothing is recorded.
 */
import { strToU8, zipSync } from 'fflate';

const MANIFEST = `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="rabt-demo-7411-safety-check" version="1"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org-7411">
    <organization identifier="org-7411">
      <title>تقييم ذاتي: السلامة قبل العمل الكهربائي</title>
      <item identifier="item-1" identifierref="sco-1"><title>السلامة قبل العمل</title></item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="sco-1" type="webcontent" adlcp:scormtype="sco" href="index.html">
      <file href="index.html"/>
      <file href="sco.css"/>
      <file href="sco.js"/>
    </resource>
  </resources>
</manifest>
`;

/** Each question: prompt, options, the index of the right one, and why (shown after a check). */
const QUESTIONS = [
  {
    q: 'أطفأت مفتاح الإنارة في الغرفة. هل صار العمل على دواية المصباح آمنًا؟',
    options: ['نعم، المفتاح مطفأ', 'لا: أفصل القاطع من اللوحة وأقفله وأتحقق من انعدام الجهد'],
    right: 1,
    why: 'المفتاح لا يفصل الدائرة، وقد يكون مركّبًا على المحايد. الفصل من القاطع مع القفل والبطاقة، ثم التحقق بجهاز فحص سليم.',
  },
  {
    q: 'ما حساسية قاطع التيار المتبقي (ELCB / RCD) لحماية الأشخاص؟',
    options: ['300 ملّي أمبير', '30 ملّي أمبير', '3 أمبير'],
    right: 1,
    why: '30 ملّي أمبير، ويفصل خلال 40 ملّي ثانية عند تسرّب قدره خمسة أمثال ذلك.',
  },
  {
    q: 'ما لون موصل الحماية (الأرضي)؟',
    options: ['أزرق', 'بني', 'أخضر/أصفر'],
    right: 2,
    why: 'أخضر/أصفر (IEC 60445)، ولا يُستعمل هذا اللون لأي موصل آخر.',
  },
];

const HTML = `<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>تقييم ذاتي: السلامة قبل العمل الكهربائي</title>
<link rel="stylesheet" href="sco.css">
</head>
<body>
<main>
<h1>تقييم ذاتي: السلامة قبل العمل الكهربائي</h1>
<p>أجب عن الأسئلة الثلاثة ثم اضغط «تحقّق». يُحسب الدرس مكتملًا حين تكون كل الإجابات صحيحة، ويمكنك إعادة المحاولة.</p>
<form id="check" novalidate>
${QUESTIONS.map(
  (x, i) => `<fieldset>
<legend>${i + 1}. ${x.q}</legend>
${x.options.map((o, j) => `<label><input type="radio" name="q${i}" value="${j}"> ${o}</label>`).join('\n')}
<p class="why" id="why${i}" hidden>${x.why}</p>
</fieldset>`,
).join('\n')}
<button type="submit">تحقّق</button>
</form>
<p id="result" role="status" aria-live="polite"></p>
</main>
<script src="sco.js"></script>
</body>
</html>
`;

const CSS = `body { font-family: system-ui, "Noto Sans Arabic", sans-serif; line-height: 1.7; margin: 0; padding: 1rem; color: #1b1b1b; background: #fff; }
main { max-width: 40rem; margin-inline: auto; }
fieldset { border: 1px solid #8a8a8a; border-radius: 0.5rem; margin-block: 1rem; padding: 0.75rem 1rem; }
legend { font-weight: 700; padding-inline: 0.25rem; }
label { display: block; padding-block: 0.35rem; }
input[type="radio"] { inline-size: 1.2rem; block-size: 1.2rem; vertical-align: middle; }
button { font: inherit; padding: 0.5rem 1.5rem; border: 0; border-radius: 0.4rem; background: #0b6b3a; color: #fff; cursor: pointer; }
button:focus-visible, input:focus-visible { outline: 3px solid #1f4e9e; outline-offset: 2px; }
.why { margin: 0.5rem 0 0; color: #3d3d3d; }
.ok { color: #0b6b3a; font-weight: 700; }
.ko { color: #a4161a; font-weight: 700; }
`;

const JS = `(function () {
  'use strict';
  var RIGHT = ${JSON.stringify(QUESTIONS.map((x) => x.right))};
  var api = null;
  try { api = window.API || null; } catch (e) { api = null; }
  var started = api ? api.LMSInitialize('') === 'true' : false;
  var finished = false;
  var form = document.getElementById('check');
  var result = document.getElementById('result');
  function digits(n) { return String(n).replace(/[0-9]/g, function (d) { return '٠١٢٣٤٥٦٧٨٩'.charAt(Number(d)); }); }
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var right = 0;
    for (var i = 0; i < RIGHT.length; i++) {
      var chosen = form.querySelector('input[name="q' + i + '"]:checked');
      if (chosen && Number(chosen.value) === RIGHT[i]) right++;
      document.getElementById('why' + i).hidden = false;
    }
    var score = Math.round((right * 100) / RIGHT.length);
    var passed = right === RIGHT.length;
    result.className = passed ? 'ok' : 'ko';
    result.textContent = 'إجاباتك الصحيحة: ' + digits(right) + ' من ' + digits(RIGHT.length) + ' (' + digits(score) + '٪). ' +
      (passed ? 'أحسنت، اكتمل الدرس.' : 'راجع الشرح تحت كل سؤال ثم حاول مرة أخرى.') +
      (started ? '' : ' (هذه الصفحة مفتوحة خارج المنصة: لن تُسجّل النتيجة.)');
    if (!started || finished) return;
    api.LMSSetValue('cmi.core.score.min', '0');
    api.LMSSetValue('cmi.core.score.max', '100');
    api.LMSSetValue('cmi.core.score.raw', String(score));
    api.LMSSetValue('cmi.core.lesson_status', passed ? 'passed' : 'incomplete');
    api.LMSCommit('');
    if (passed) { finished = true; api.LMSFinish(''); }
  });
})();
`;

/** The package as a .zip (deterministic apart from fflate's entry timestamps). */
export function demoScormZip(): Buffer {
  return Buffer.from(
    zipSync({
      'imsmanifest.xml': strToU8(MANIFEST),
      'index.html': strToU8(HTML),
      'sco.css': strToU8(CSS),
      'sco.js': strToU8(JS),
    }),
  );
}
