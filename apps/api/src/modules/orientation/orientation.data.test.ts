import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildOrientation, orientationCountries } from './orientation.data.ts';

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
