import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EmployerSummary, JobOrderTerms } from '@rabt/contracts';
import { iscoGroups, saPostings } from './data.ts';
import { SA_IMPUTED_WAGE_FLOOR_SAR, parseSaAllowances, parseSaLanguages, saEstablishments, saJobOrders } from './sa.ts';

const SeedTerms = JobOrderTerms.omit({ jobOrderId: true, employer: true });
const orders = saJobOrders();
const establishments = saEstablishments();

test('1,000 SA job orders, each valid job-order terms with a real ISCO unit group and a positive wage', () => {
  assert.equal(orders.length, 1000);
  const units = new Set(iscoGroups().filter((g) => g.level === 4).map((g) => g.code));
  for (const o of orders) {
    assert.doesNotThrow(() => SeedTerms.parse(o), `row ${o.sourceRow}`);
    assert.ok(units.has(o.isco), `row ${o.sourceRow}: ${o.isco}`);
    assert.equal(o.wage.currency, 'SAR');
    assert.ok(o.wage.amountMinor > 0, `row ${o.sourceRow}`);
    assert.equal(o.country, 'SA');
    assert.equal(o.probationDays, 90);
  }
  assert.deepEqual(
    orders.map((o) => o.sourceRow),
    orders.map((_, i) => i + 1),
  );
});

test('stated salaries are carried over exactly in halalas; unstated ones are imputed, flagged and at least SAR 4,000', () => {
  const postings = saPostings();
  for (const o of orders) {
    const stated = Number(postings[o.sourceRow - 1]!.monthly_salary_sar);
    if (stated > 0) {
      assert.equal(o.wageImputed, false);
      assert.equal(o.wage.amountMinor, stated * 100);
    } else {
      assert.equal(o.wageImputed, true, `row ${o.sourceRow}`);
      assert.ok(o.wage.amountMinor >= SA_IMPUTED_WAGE_FLOOR_SAR * 100);
      assert.equal(o.wage.amountMinor % 10000, 0, 'rounded to SAR 100');
    }
  }
  assert.equal(orders.filter((o) => o.wageImputed).length, 266);
});

test('posting fields are carried over: title, city, positions, experience, requirements, date', () => {
  const postings = saPostings();
  for (const o of orders) {
    const p = postings[o.sourceRow - 1]!;
    assert.equal(o.titleAr, p.job_title_ar);
    assert.equal(o.city, p.city_en);
    assert.equal(o.regionAr, p.region_ar);
    assert.equal(o.positions, Number(p.positions));
    assert.equal(o.requirements.minYears, Number(p.experience_years));
    assert.equal(o.requirements.notesAr, p.requirements_ar);
    assert.equal(o.postedOn, p.posted_on);
  }
  const first = orders[0]!;
  assert.deepEqual([first.titleAr, first.isco, first.titleEn, first.wage.amountMinor], ['محاسب', '2411', 'Accountants', 500000]);
});

test('every order points at a synthetic establishment that makes a valid EmployerSummary', () => {
  const keys = new Map(establishments.map((e) => [e.key, e]));
  for (const o of orders) assert.ok(keys.has(o.establishmentKey), `row ${o.sourceRow}`);
  assert.equal(new Set(establishments.map((e) => e.establishmentNumber)).size, establishments.length, 'unique establishment numbers');
  assert.equal(new Set(establishments.map((e) => e.nameAr)).size, establishments.length, 'unique Arabic names');
  assert.equal(new Set(establishments.map((e) => e.id)).size, establishments.length);
  for (const e of establishments) {
    assert.match(e.establishmentNumber, /^70\d{8}$/);
    assert.match(e.nameAr, /^(مؤسسة|شركة|جمعية|مدارس|مركز|عيادات|مجمع|مطعم)\s/);
    assert.doesNotThrow(() =>
      EmployerSummary.parse({ employerId: e.id, nameAr: e.nameAr, nameEn: e.nameEn, establishmentNumber: e.establishmentNumber, sector: e.sectorAr, city: e.city, verified: true, verifiedAt: null }),
    );
  }
});

test('allowances: only stated kinds with amounts, in halalas', () => {
  assert.deepEqual(parseSaAllowances('500 بدل نقل و500 بدل سكن وتامين طبي', 4000), {
    housing: { amountMinor: 50000, currency: 'SAR' },
    transport: { amountMinor: 50000, currency: 'SAR' },
    food: null,
  });
  assert.deepEqual(parseSaAllowances('بدل مواصلات: 800 ريال سعودي', 4000).transport, { amountMinor: 80000, currency: 'SAR' });
  assert.deepEqual(parseSaAllowances('بدل نقل 5%', 6000).transport, { amountMinor: 30000, currency: 'SAR' });
  assert.deepEqual(parseSaAllowances('بدل مواصلات ٤٠٠', 4000).transport, { amountMinor: 40000, currency: 'SAR' }, 'Arabic-Indic digits');
  const none = { housing: null, transport: null, food: null };
  assert.deepEqual(parseSaAllowances('غير محدد', 4000), none);
  assert.deepEqual(parseSaAllowances('500', 4000), none, 'a bare amount has no kind');
  assert.deepEqual(parseSaAllowances('بدل سكن', 4000), none, 'a kind without an amount');
  assert.deepEqual(parseSaAllowances('عمولة مبيعات 1%', 4000), none, 'commission is not an allowance');
  assert.ok(orders.filter((o) => o.allowances.transport).length >= 20);
});

test('languages: Arabic requirement phrases become ISO 639-1 + CEFR', () => {
  assert.deepEqual(parseSaLanguages('الانجليزية: متوسط'), [{ language: 'en', level: 'B1' }]);
  assert.deepEqual(parseSaLanguages('محترف: العربية، انجليزي: مبتدئ'), [
    { language: 'ar', level: 'C1' },
    { language: 'en', level: 'A2' },
  ]);
  assert.deepEqual(parseSaLanguages('عربي انجليزي: متوسط'), [
    { language: 'en', level: 'B1' },
    { language: 'ar', level: 'B1' },
  ]);
  assert.deepEqual(parseSaLanguages('تحمل ضغط العمل: محترف، الإنجليزية: جيد، التسجيل في هيئة المحاسبين: مفيد'), [{ language: 'en', level: 'B2' }]);
  assert.deepEqual(parseSaLanguages('الانجليزية: مفيد'), [], 'nice-to-have is not a requirement');
  assert.deepEqual(parseSaLanguages(''), []);
});

test('deterministic: two runs give identical establishments and orders', () => {
  assert.deepEqual(saEstablishments(), establishments);
  assert.deepEqual(saJobOrders(), orders);
});
