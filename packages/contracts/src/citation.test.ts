import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { citationAr } from './citation.ts';

test('the sources the contract checks cite render in Arabic', () => {
  assert.equal(
    citationAr('Saudi Labour Law Art. 51; Kuwait Law 6/2010 Art. 28; ILO General Principle 8 (a contract in a language the worker understands)'),
    'نظام العمل السعودي، المادة ٥١؛ قانون العمل الكويتي رقم ٦ لسنة ٢٠١٠، المادة ٢٨؛ المبادئ العامة للتوظيف العادل (منظمة العمل الدولية)، المبدأ ٨ (عقد بلغة يفهمها العامل)',
  );
  assert.equal(citationAr('Egypt Labour Law 14/2025 Art. 40–42'), 'قانون العمل المصري رقم ١٤ لسنة ٢٠٢٥، المواد ٤٠–٤٢');
  assert.equal(citationAr('Contract template of SA (domain-data §5: required fields)'), 'نموذج عقد المملكة العربية السعودية (الحقول المطلوبة)');
});

test('every source in the ministry contract templates has an Arabic rendering', () => {
  const tpl = JSON.parse(readFileSync(new URL('../../../apps/api/data/exchange/contract-templates.json', import.meta.url), 'utf8')) as {
    agencyFeeSource: string;
    countries: Record<string, Record<string, unknown>>;
  };
  const sources = [tpl.agencyFeeSource, ...Object.values(tpl.countries).flatMap((c) => Object.entries(c).filter(([k]) => k.endsWith('Source')).map(([, v]) => String(v)))];
  assert.ok(sources.length > 10);
  for (const s of sources) assert.ok(citationAr(s), `no Arabic rendering for "${s}"`);
});

test('an unknown phrase falls back to the English original (null), never a half translation', () => {
  assert.equal(citationAr('Bahrain Labour Law Art. 5'), null);
});
