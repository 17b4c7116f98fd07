import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arabicDigits, buildOrientation, orientationCountries } from './orientation.data.ts';

/** Sources are public citations, in Arabic with English, never the product's internal file or template names. */
test('orientation lesson sources cite the law publicly (Arabic with English), not internal names', () => {
  const countries = orientationCountries();
  assert.ok(countries.includes('SA'));
  for (const country of countries) {
    const course = buildOrientation(country, country === 'KW' || country === 'JO' ? 3 : 2);
    for (const lesson of course.modules.flatMap((m) => m.lessons)) {
      const sources = lesson.body.ar.slice(lesson.body.ar.indexOf('## المصادر'));
      assert.doesNotMatch(sources, /Rabt contract|Rabt editorial|Rabt's|contract-templates\.json|apps\/api|contract-rules\.ts/, `${country} ${lesson.title.en}`);
    }
  }
  const sa = buildOrientation('SA', 2).modules.flatMap((m) => m.lessons).map((l) => l.body.ar).join('\n');
  assert.match(sa, /- نظام العمل السعودي، المادة ٩٨ \(٤٨ ساعة في الأسبوع\) والمادة ١٠٩ .* — Saudi Labour Law Art\. 98/);
  assert.match(sa, /نموذج عقد وزارة العمل المصرية للعمل في السعودية \(الإصدار [^)]+\): نظام العمل السعودي، المادة ٩٨؛/);
});

/**
 * A new-user tester read «8 ساعات… 48 ساعة (المادة 56)… 125٪» in the Jordan lesson and «رقم 33 لسنة 2021» in the
 * course list: Arabic text shows Arabic-Indic digits. A word with Latin letters (a URL, a domain, a code) and the
 * English original of a source keep theirs; the English course keeps Latin digits.
 */
test('the Arabic course shows Arabic-Indic digits, except in URLs, codes and English titles; the English course Latin digits', () => {
  assert.equal(arabicDigits('8 ساعات و48 ساعة (المادة 56) و125٪ — م/51'), '٨ ساعات و٤٨ ساعة (المادة ٥٦) و١٢٥٪ — م/٥١');
  assert.equal(arabicDigits('(الدستور dostor.org/4687414) ISCO-08 www.mol.gov.eg'), '(الدستور dostor.org/4687414) ISCO-08 www.mol.gov.eg');
  for (const country of orientationCountries()) {
    const course = buildOrientation(country, country === 'KW' || country === 'JO' ? 3 : 2);
    const lessons = course.modules.flatMap((m) => m.lessons);
    const arabic = [
      course.title.ar,
      course.description.ar,
      ...course.modules.map((m) => m.title.ar),
      ...lessons.flatMap((l) => [l.title.ar, l.body.ar.slice(0, l.body.ar.indexOf('\n## المصادر\n')), ...l.sources.map((s) => s.ar)]),
      ...course.questions.flatMap((q) => [q.promptAr, ...('options' in q ? q.options.map((o) => o.ar) : [])]),
    ];
    for (const text of arabic) {
      const latin = text.split(/\s+/).filter((w) => /[0-9]/.test(w) && !/[A-Za-z]/.test(w));
      assert.deepEqual(latin, [], `${country}: ${text.slice(0, 80)}`);
    }
    assert.ok(lessons.some((l) => /[٠-٩]/.test(l.body.ar)), `${country}: Arabic-Indic digits in the Arabic lessons`);
    assert.ok(lessons.every((l) => !/[٠-٩]/.test(l.body.en)), `${country}: Latin digits in the English lessons`);
  }
  assert.match(buildOrientation('AE', 2).description.ar, /رقم ٣٣ لسنة ٢٠٢١/);
  const jo = buildOrientation('JO', 3);
  const hours = jo.modules.flatMap((m) => m.lessons).find((l) => l.title.en.startsWith('Working hours'))!;
  assert.match(hours.body.ar, /٨ ساعات/);
  assert.match(hours.body.ar, /١٢٥٪/);
  // The English original of each source keeps its digits (e.g. the law's number and year).
  assert.match(hours.body.ar, / — Jordanian Labour Law No\. 8 of 1996/);
});
